import { callWeb, jpegImage, pngImage, RtmClient, waitFor } from '@switchboard/testing';
import { customerToken } from './conversation.scenario';
import { createTeam, rtmLogin } from './identity.scenario';

/** Where each API is served (one URL for all in the embedded mode). */
export interface FileUrls {
  configuration: string;
  customer: string;
  /** Agent gateways: the agent listens on the first; uploads go to the last. */
  agent: string[];
}

interface FileToSend {
  name: string;
  type: string;
  bytes: Buffer;
}

interface Caller {
  token: string;
  organizationId?: string;
  headers?: Record<string, string>;
}

const FILE_URL = /^http:\/\/[^/]+\/files\/[^/]+\/[A-Za-z0-9_-]{43}\/[^/]+$/;
const TEN_MB = 10 * 1024 * 1024;

/** `upload_file` as a browser or the SDKs send it: a multipart form with one field, `file`. */
export async function uploadFile(url: string, api: 'agent' | 'customer', file: FileToSend, caller: Caller): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const form = new FormData();
  form.append('file', new Blob([file.bytes], { type: file.type }), file.name);
  const query = caller.organizationId ? `?organization_id=${caller.organizationId}` : '';
  const response = await fetch(`${url}/v3.4/${api}/action/upload_file${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${caller.token}`, ...caller.headers },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

/** The file at `fileUrl`, fetched from `gateway` instead of the host the URL names (another replica). */
async function download(fileUrl: string, gateway: string, headers: Record<string, string> = {}) {
  const { pathname } = new URL(fileUrl);
  const response = await fetch(`${gateway}${pathname}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * Files in a conversation, from both chat APIs: the customer sends a picture,
 * the agent a text file and a photo (as a bot, too); each side hears the
 * `file` event with what the server knows of the file, and downloads the very
 * bytes from another replica. Oversized uploads, the wrong kind of body,
 * executables, unknown chats and another organization's files are refused
 * with the spec's errors and change nothing.
 */
export async function checkFiles(urls: FileUrls, adminToken: string, name: string): Promise<void> {
  const acme = await createTeam(urls, adminToken, `${name}A`);
  const other = await createTeam(urls, adminToken, `${name}B`);
  const uploadUrl = urls.agent[urls.agent.length - 1];
  const agentId = acme.ids.admin;
  const agentToken = acme.tokens.admin;

  // The agent goes accepting chats; a customer starts a chat and the router gives it to the agent.
  const agent = await rtmLogin(urls.agent[0], agentToken);
  expect((await agent.request('set_routing_status', { status: 'accepting_chats' })).success).toBe(true);
  const customer = await customerToken(urls.customer, acme.organizationId);
  const asCustomer = { token: customer.access_token, organizationId: acme.organizationId };
  const customerRtm = await RtmClient.connect(urls.customer, 'customer', acme.organizationId);
  expect((await customerRtm.request('login', { token: `Bearer ${customer.access_token}` })).success).toBe(true);
  const started = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Look' }] } } }, asCustomer);
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;
  await agent.nextPush('incoming_chat', (f) => f.payload.chat.id === chatId, 20_000);

  // The customer uploads a picture: a URL on the platform, nothing sent yet.
  const picture = pngImage(37, 21);
  const customerUpload = await uploadFile(urls.customer, 'customer', { name: 'screen shot.png', type: 'image/png', bytes: picture }, asCustomer);
  expect(customerUpload.status).toBe(200);
  expect(Object.keys(customerUpload.body)).toEqual(['url']);
  const pictureUrl: string = customerUpload.body.url;
  expect(pictureUrl).toMatch(FILE_URL);
  expect(pictureUrl.endsWith('/screen%20shot.png')).toBe(true);

  // … sends it as a file event; the agent hears it with the name, type, size and size in pixels the server found.
  const forged = { name: 'forged.exe', content_type: 'application/x-msdownload', size: 1, width: 9999 };
  const sent = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: chatId, event: { type: 'file', url: pictureUrl, ...forged } }, asCustomer);
  expect(sent.status).toBe(200);
  const heard = await agent.nextPush('incoming_event', (f) => f.payload.event.id === sent.body.event_id, 20_000);
  expect(heard.payload).toMatchObject({ chat_id: chatId });
  expect(heard.payload.event).toMatchObject({
    type: 'file',
    author_id: customer.entity_id,
    url: pictureUrl,
    name: 'screen shot.png',
    content_type: 'image/png',
    size: picture.length,
    width: 37,
    height: 21,
  });

  // The agent downloads it from another replica than the one that took the upload: the same bytes, shown inline, never sniffed.
  const fetched = await download(pictureUrl, uploadUrl);
  expect(fetched.status).toBe(200);
  expect(fetched.bytes.equals(picture)).toBe(true);
  expect(fetched.headers.get('content-type')).toBe('image/png');
  expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
  expect(fetched.headers.get('content-disposition')).toMatch(/^inline; /);
  const head = await download(pictureUrl, uploadUrl, { Range: 'bytes=0-7' });
  expect(head.status).toBe(206);
  expect(head.headers.get('content-range')).toBe(`bytes 0-7/${picture.length}`);
  expect(head.bytes.equals(picture.subarray(0, 8))).toBe(true);

  // The agent uploads a text file and a photo (declared as opaque bytes: the server finds it is a JPEG).
  const notes = Buffer.from('Steps to reproduce:\n1. Open the app\n2. Żółć ✓\n');
  const notesUpload = await uploadFile(uploadUrl, 'agent', { name: 'notes.txt', type: 'text/plain', bytes: notes }, { token: agentToken });
  expect(notesUpload.status).toBe(200);
  const photo = jpegImage(640, 480);
  const photoUpload = await uploadFile(uploadUrl, 'agent', { name: 'photo.jpg', type: 'application/octet-stream', bytes: photo }, { token: agentToken });
  expect(photoUpload.status).toBe(200);

  // Sent over RTM and the Web API: the customer hears both, with the server's metadata.
  const notesSent = await agent.request('send_event', { chat_id: chatId, event: { type: 'file', url: notesUpload.body.url } });
  expect(notesSent.success).toBe(true);
  const photoSent = await callWeb(urls.agent[0], 'agent', 'send_event', { chat_id: chatId, event: { type: 'file', url: photoUpload.body.url, alternative_text: 'A photo' } }, { token: agentToken });
  expect(photoSent.status).toBe(200);
  const notesHeard = await customerRtm.nextPush('incoming_event', (f) => f.payload.event.id === notesSent.payload.event_id, 20_000);
  expect(notesHeard.payload.event).toEqual({
    id: notesSent.payload.event_id,
    type: 'file',
    author_id: agentId,
    created_at: expect.any(String),
    url: notesUpload.body.url,
    name: 'notes.txt',
    content_type: 'text/plain',
    size: notes.length,
  });
  const photoHeard = await customerRtm.nextPush('incoming_event', (f) => f.payload.event.id === photoSent.body.event_id, 20_000);
  expect(photoHeard.payload.event).toMatchObject({ name: 'photo.jpg', content_type: 'image/jpeg', size: photo.length, width: 640, height: 480, alternative_text: 'A photo' });

  // The customer downloads the notes from the customer gateway: the same bytes, as UTF-8 text.
  const notesFetched = await download(notesUpload.body.url, urls.customer);
  expect(notesFetched.status).toBe(200);
  expect(notesFetched.bytes.equals(notes)).toBe(true);
  expect(notesFetched.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(notesFetched.headers.get('content-disposition')).toContain(`filename*=UTF-8''notes.txt`);

  // A bot of the owner's application uploads too (X-Author-Id), as an agent could.
  const bot = await callWeb(urls.configuration, 'configuration', 'create_bot', { name: 'Filer' }, { token: acme.owner });
  expect(bot.status).toBe(200);
  const asBot = { token: acme.owner, headers: { 'X-Author-Id': bot.body.id as string } };
  const botUpload = await uploadFile(uploadUrl, 'agent', { name: 'bot.png', type: 'image/png', bytes: pngImage(2, 3) }, asBot);
  expect(botUpload.status).toBe(200);
  const notMyBot = await uploadFile(uploadUrl, 'agent', { name: 'bot.png', type: 'image/png', bytes: pngImage(2, 3) }, { ...asBot, token: other.owner });
  expect([notMyBot.status, notMyBot.body.error.type]).toEqual([403, 'authorization']);

  // Refusals: each with the spec's error, none changing the chat.
  const eventsBefore = (await callWeb(urls.agent[0], 'agent', 'get_chat', { chat_id: chatId }, { token: agentToken })).body.thread.events.length;
  const tooLarge = await uploadFile(uploadUrl, 'agent', { name: 'big.bin', type: 'application/octet-stream', bytes: Buffer.alloc(TEN_MB + 1, 1) }, { token: agentToken });
  expect([tooLarge.status, tooLarge.body.error]).toEqual([413, { type: 'entity_too_large', message: 'Upload limit exceeded (10MB).' }]);
  const tooLargeCustomer = await uploadFile(urls.customer, 'customer', { name: 'big.bin', type: 'application/octet-stream', bytes: Buffer.alloc(TEN_MB + 1, 1) }, asCustomer);
  expect([tooLargeCustomer.status, tooLargeCustomer.body.error?.type]).toEqual([413, 'entity_too_large']);
  const program = await uploadFile(urls.customer, 'customer', { name: 'invoice.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ') }, asCustomer);
  expect([program.status, program.body.error]).toEqual([400, { type: 'validation', message: 'Executable files cannot be uploaded' }]);
  const jsonUpload = await callWeb(uploadUrl, 'agent', 'upload_file', { file: 'aGVsbG8=' }, { token: agentToken });
  expect([jsonUpload.status, jsonUpload.body.error.type]).toEqual([400, 'validation']);
  expect(jsonUpload.body.error.message).toMatch(/multipart\/form-data/);
  const multipartSend = await fetch(`${uploadUrl}/v3.4/agent/action/send_event`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${agentToken}` },
    body: (() => {
      const form = new FormData();
      form.append('chat_id', chatId);
      return form;
    })(),
  });
  expect(multipartSend.status).toBe(400);
  expect(((await multipartSend.json()) as { error: unknown }).error).toEqual({ type: 'validation', message: 'send_event takes a JSON body; only upload_file takes multipart/form-data' });
  const anonymous = await uploadFile(uploadUrl, 'agent', { name: 'a.txt', type: 'text/plain', bytes: notes }, { token: 'not-a-token' });
  expect([anonymous.status, anonymous.body.error.type]).toEqual([401, 'authentication']);

  // Not this organization's file, no platform file at all, an unknown chat.
  const theirs = await uploadFile(urls.customer, 'customer', { name: 'theirs.txt', type: 'text/plain', bytes: Buffer.from('theirs') }, {
    token: (await customerToken(urls.customer, other.organizationId)).access_token,
    organizationId: other.organizationId,
  });
  expect(theirs.status).toBe(200);
  const theirsUrl: string = theirs.body.url;
  const guessed = pictureUrl.replace(/\/[A-Za-z0-9_-]{43}\//, `/${'A'.repeat(43)}/`);
  for (const url of [theirsUrl, theirsUrl.replace(other.organizationId, acme.organizationId), guessed, 'https://cdn.example.com/name.png']) {
    const refused = await callWeb(urls.agent[0], 'agent', 'send_event', { chat_id: chatId, event: { type: 'file', url } }, { token: agentToken });
    expect([url, refused.status, refused.body.error]).toEqual([
      url,
      400,
      { type: 'validation', message: 'event.url: must be the URL of a file uploaded with upload_file to this organization' },
    ]);
    const refusedCustomer = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: chatId, event: { type: 'file', url } }, asCustomer);
    expect([url, refusedCustomer.status, refusedCustomer.body.error?.type]).toEqual([url, 400, 'validation']);
  }
  const unknownChat = await callWeb(urls.agent[0], 'agent', 'send_event', { chat_id: 'NOSUCHCHAT', event: { type: 'file', url: pictureUrl } }, { token: agentToken });
  expect([unknownChat.status, unknownChat.body.error.type]).toEqual([404, 'not_found']);
  // The other organization cannot send ours either, even holding the URL.
  const otherChat = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'file', url: pictureUrl }] } } }, {
    token: (await customerToken(urls.customer, other.organizationId)).access_token,
    organizationId: other.organizationId,
  });
  expect([otherChat.status, otherChat.body.error?.type]).toEqual([400, 'validation']);
  const after = await callWeb(urls.agent[0], 'agent', 'get_chat', { chat_id: chatId }, { token: agentToken });
  expect(after.body.thread.events).toHaveLength(eventsBefore);

  // Reading needs the exact URL: another organization's path, a guessed id or another name find nothing.
  for (const url of [theirsUrl.replace(other.organizationId, acme.organizationId), guessed, pictureUrl.replace('screen%20shot.png', 'other.png')]) {
    const missing = await download(url, urls.customer);
    expect([url, missing.status, JSON.parse(missing.bytes.toString()).error.type]).toEqual([url, 404, 'not_found']);
  }
  expect((await download(theirsUrl, uploadUrl)).bytes.toString()).toBe('theirs');

  for (const client of [agent, customerRtm]) client.close();
}

/**
 * The 24-hour rule with a short FILE_UNUSED_TTL_SECONDS: a file used in a
 * committed file event keeps working after the TTL; one never used — even
 * one named by a refused send_event — is no longer served and is refused in
 * send_event, naming the expiry.
 */
export async function checkFileExpiry(urls: FileUrls, adminToken: string, name: string, ttlSeconds: number): Promise<void> {
  const team = await createTeam(urls, adminToken, `${name}X`);
  const customer = await customerToken(urls.customer, team.organizationId);
  const asCustomer = { token: customer.access_token, organizationId: team.organizationId };
  const started = await callWeb(urls.customer, 'customer', 'start_chat', { chat: { thread: { events: [{ type: 'message', text: 'Files' }] } } }, asCustomer);
  expect(started.status).toBe(200);
  const chatId: string = started.body.chat_id;
  const upload = async (fileName: string) => {
    const uploaded = await uploadFile(urls.customer, 'customer', { name: fileName, type: 'text/plain', bytes: Buffer.from(fileName) }, asCustomer);
    expect(uploaded.status).toBe(200);
    return uploaded.body.url as string;
  };
  const keptUrl = await upload('kept.txt');
  const unusedUrl = await upload('unused.txt');
  const used = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: chatId, event: { type: 'file', url: keptUrl } }, asCustomer);
  expect(used.status).toBe(200);
  // A refused command does not make its file used.
  const refused = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: 'NOSUCHCHAT', event: { type: 'file', url: unusedUrl } }, asCustomer);
  expect([refused.status, refused.body.error?.type]).toEqual([404, 'not_found']);
  expect((await download(unusedUrl, urls.agent[0])).status).toBe(200);

  // Past the TTL: the unused file is gone (404, as an unknown file) on every gateway…
  await waitFor(async () => (await download(unusedUrl, urls.agent[0])).status === 404, ttlSeconds * 1000 + 30_000, 250);
  const missing = await download(unusedUrl, urls.customer);
  expect([missing.status, JSON.parse(missing.bytes.toString()).error.type]).toEqual([404, 'not_found']);
  // … and refused in a file event, with the reason.
  const expired = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: chatId, event: { type: 'file', url: unusedUrl } }, asCustomer);
  expect([expired.status, expired.body.error?.type]).toEqual([400, 'validation']);
  expect(expired.body.error.message).toMatch(/expired.*not used in a file event within \d+ seconds/);
  // The used file still downloads and can be sent again.
  const kept = await download(keptUrl, urls.agent[0]);
  expect([kept.status, kept.bytes.toString()]).toEqual([200, 'kept.txt']);
  const again = await callWeb(urls.customer, 'customer', 'send_event', { chat_id: chatId, event: { type: 'file', url: keptUrl } }, asCustomer);
  expect(again.status).toBe(200);
}
