/** class-transformer ships its metadata storage as CommonJS with the types beside it, under another path. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
