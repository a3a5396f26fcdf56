export { default, CuibanOptions, cuibanFileName } from './_reporter.js';
export { buildCuibanModel, type CuibanModel } from './_model.js';
