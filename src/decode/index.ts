// The binary decoder's public surface.
export { decodeModule, tryDecodeModule } from './module.js';
export { decodeNameSection } from './names.js';
