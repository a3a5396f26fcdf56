/**
 * GB/T 9704-2012 page geometry in Word's units (FORMAT.md "Page"): twips
 * (1/20 pt) for lengths, half-points for type sizes, eighths of a point for rules.
 */

/** Twips in one millimetre. */
export const TWIPS_PER_MM = 1440 / 25.4;

/** Millimetres → twips, rounded. */
export const mm = (value: number): number => Math.round(value * TWIPS_PER_MM);
/** Points → twips. */
export const pt = (value: number): number => Math.round(value * 20);

/** A4 portrait. */
export const PAGE = { width: mm(210), height: mm(297) } as const;
/** Margins: top 37, binding (left) 28, right 26, bottom 35 mm. */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** The 156 mm type area's width. */
export const TYPE_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/** Body type: 3号 (16 pt). */
export const BODY_PT = 16;
/** 22 lines in the 225 mm type area: 28.95 pt a line (Word's linePitch, twips; rounded down, or Word counts 21 lines). */
export const LINE = Math.floor(mm(225) / 22);
/**
 * 28 characters in 156 mm: Word's docGrid charSpace is the change to the body
 * size's character pitch in 1/4096 pt (156 mm / 28 = 15.79 pt, 0.21 pt under 16),
 * rounded down, or Word counts 27.997 characters as 27.
 */
export const CHAR_SPACE = Math.floor(((156 * 72) / 25.4 / 28 - BODY_PT) * 4096);
/** One body character (16 pt), the unit of 首行缩进 and 右空二字. */
export const CHAR = pt(BODY_PT);

/**
 * Footer distance from the page's bottom edge: puts the page number's line
 * (14 pt on an 18 pt line) 7 mm under the type area, as FORMAT.md asks.
 */
export const FOOTER_DISTANCE = MARGIN.bottom - mm(7) - pt(18);
/** Header distance (no header is printed; Word needs a value inside the top margin). */
export const HEADER_DISTANCE = mm(15);

/** Half-points of a size in pt (Word's w:sz). */
export const halfPoints = (size: number): number => Math.round(size * 2);
