export * from './widget.migrations';
export * from './widget.projection';
