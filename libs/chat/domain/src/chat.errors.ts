/** Error types a chat rule can raise; the same names as the LiveChat error types. */
export type ChatRuleErrorType = 'validation' | 'chat_inactive' | 'not_found' | 'already_exists' | 'missing_access';

/** A command broke a rule of the chat; nothing was decided. */
export class ChatRuleError extends Error {
  constructor(
    readonly type: ChatRuleErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'ChatRuleError';
  }
}
