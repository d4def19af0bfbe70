/**
 * The pushes that answer a request (README §4.4, customer-chat-api.md): the
 * official customer SDK resolves `start_chat`/`resume_chat` with the
 * `incoming_chat` push and `send_event` with the `incoming_event` push that
 * carry the request's `request_id` — those responses it ignores. Any other
 * `incoming_chat`/`incoming_event` with a `request_id` (the system message of
 * `deactivate_chat`, `transfer_chat`, …) would be taken for a second answer.
 */
const ANSWERING_PUSHES: Readonly<Record<string, readonly string[]>> = {
  incoming_chat: ['start_chat', 'resume_chat'],
  incoming_event: ['send_event'],
};

/**
 * Whether the push `action`, caused by the method `command` on the requester's
 * own connection, carries the request's `request_id`. Pushes that answer no
 * request in the SDK (`routing_status_set`, `chat_properties_updated`, …) keep
 * it, as the spec's push format says; `incoming_chat` and `incoming_event`
 * carry it only for the methods they answer.
 */
export function pushCarriesRequestId(action: string, command: string | undefined): boolean {
  const answers = ANSWERING_PUSHES[action];
  return answers === undefined || (command !== undefined && answers.includes(command));
}
