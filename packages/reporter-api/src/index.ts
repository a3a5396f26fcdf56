export * from './_types.js';
export * from './_define.js';
export { z } from 'zod';
