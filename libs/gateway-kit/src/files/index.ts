export * from './file-content';
export * from './file-events';
export * from './file-urls';
export * from './files.controller';
export * from './files.module';
export * from './multipart-upload';
export * from './upload-file.handler';
