/**
 * "Cate is typing…" (announced once, politely) and the sneak peek — the
 * text not sent yet, greyed — outside the live region, so a screen reader
 * is not read every keystroke.
 */
import { displayName, Typing } from '../chats/state';
import type { User } from '../chats/types';

export function TypingLine({ typing, users }: { typing: Typing | undefined; users: User[] }) {
  const who = typing && displayName(users.find((user) => user.id === typing.authorId));
  return (
    <div class="typing">
      <p aria-live="polite">{who && `${who} is typing…`}</p>
      {typing?.text && (
        <p class="sneak-peek">
          <span class="visually-hidden">Not sent yet: </span>
          {typing.text}
        </p>
      )}
    </div>
  );
}
