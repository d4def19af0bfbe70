import { ApiError } from '@switchboard/protocol';
import { FileStorage } from '@switchboard/read-models';
import { ActionRegistry } from '../action-registry';
import { inspectFile } from './file-content';
import { fileUrl, newFileId } from './file-urls';

/**
 * `upload_file` of either chat API (Web only, no scope): the file the Web
 * layer read from the multipart body, stored in the organization's storage;
 * the answer is its unguessable URL.
 */
export function registerUploadFile(registry: ActionRegistry, storage: FileStorage): void {
  registry.register('upload_file', async (context) => {
    const upload = context.upload;
    if (!upload) throw new ApiError('validation', 'upload_file takes a multipart/form-data body with one field named file');
    const content = inspectFile(upload.name, upload.declaredType, upload.bytes);
    const id = newFileId();
    await storage.put({
      organizationId: context.organizationId,
      id,
      name: upload.name,
      ...content,
      size: upload.bytes.length,
      uploadedBy: context.requester.id,
      uploadedAt: new Date().toISOString(),
      bytes: upload.bytes,
    });
    return { url: fileUrl(upload.origin, context.organizationId, id, upload.name) };
  });
}
