export { createDocxWriter, type DocxWriterOptions } from './_writer.js';
export { documentFonts, fontconfigXml, FONT_ROLES, ROLE_FONTS, type FontRole } from './_fonts.js';
export { STYLE, LEAD_STYLE, OFF_GRID, type StyleRole } from './_styles.js';
export { CHAR_SPACE, LINE, MARGIN, PAGE, TYPE_WIDTH, mm } from './_geometry.js';
export { signatureIndents } from './_blocks.js';
export { titleLines } from './_title.js';
export { packWords, textWidth } from './_table.js';
