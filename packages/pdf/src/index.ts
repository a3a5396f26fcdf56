export { writeFileAtomic } from '@duban/reporter-api';
export type { BrowserLocation } from './_browser.js';
export { browserVersion, findBrowser } from './_browser.js';
export {
  buildCleanFont,
  cleanMap,
  hasSimplified,
  inspectFont,
  isRadicalOrCompat,
  isUnifiedIdeograph,
} from './_clean.js';
export { countPages } from './_document.js';
export type { FontOptions, FontRole, ResolvedFont } from './_fonts.js';
export { defaultCacheDir, FONT_ROLES, fcMatch, ROLE_INFO, resolveFonts, resolveRole, SUBSTITUTES } from './_fonts.js';
export { chineseDate, chineseNumber } from './_helpers.js';
export { descendants } from './_process.js';
export type { DubanPdfRenderer, PdfRendererOptions, RenderResult } from './_renderer.js';
export { CHROMIUM_FLAGS, createPdfRenderer } from './_renderer.js';
export { NETWORK_OFF_FLAGS, removeStaleDirs } from './_sandbox.js';
export { templatesDir } from './_templates.js';
export { prepareFontCache } from './_warm.js';
