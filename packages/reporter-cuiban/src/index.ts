export { buildCuibanModel, type CuibanModel } from './_model.js';
export { CuibanOptions, cuibanFileName, default } from './_reporter.js';
