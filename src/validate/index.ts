// The validator's public surface.
export { validateModule, tryValidateModule } from './module.js';
export { typeFunctionBody } from './function.js';
