export { signatureIndents } from './_blocks.js';
export { documentFonts, FONT_ROLES, type FontRole, fontconfigXml, ROLE_FONTS } from './_fonts.js';
export { CHAR_SPACE, LINE, MARGIN, mm, PAGE, TYPE_WIDTH } from './_geometry.js';
export { LEAD_STYLE, OFF_GRID, STYLE, type StyleRole } from './_styles.js';
export { packWords, textWidth } from './_table.js';
export { titleLines } from './_title.js';
export { createDocxWriter, type DocxWriterOptions } from './_writer.js';
