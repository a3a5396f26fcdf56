import {
  AlignmentType,
  DocumentGridType,
  Footer,
  type ISectionPropertiesOptions,
  PageNumber,
  Paragraph,
  SectionType,
  TextRun,
  VerticalAlignSection,
} from 'docx';
import { CHAR_SPACE, FOOTER_DISTANCE, HEADER_DISTANCE, LINE, MARGIN, PAGE, pt } from './_geometry.js';
import { STYLE } from './_styles.js';

/** A4 portrait, FORMAT.md margins, the 22 × 28 grid; page numbers from 1. */
export function pageProperties(
  extra: Partial<ISectionPropertiesOptions> = {},
  restartNumbers = true,
): ISectionPropertiesOptions {
  return {
    page: {
      size: { width: PAGE.width, height: PAGE.height },
      margin: { ...MARGIN, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
      ...(restartNumbers ? { pageNumbers: { start: 1 } } : {}),
    },
    grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE, charSpace: CHAR_SPACE },
    ...extra,
  };
}

/**
 * Page numbers "— N —" in 4号宋体: odd pages 1 character (14 pt) in from the right
 * of the type area, even pages 1 character in from the left. Word's PAGE field,
 * so the numbers stay right when the office edits the text.
 */
export function pageNumberFooters(): { default: Footer; even: Footer } {
  const number = (side: 'left' | 'right') =>
    new Footer({
      children: [
        new Paragraph({
          style: STYLE.pageNumber.id,
          alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: side === 'right' ? { right: pt(14) } : { left: pt(14) },
          children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
        }),
      ],
    });
  return { default: number('right'), even: number('left') };
}

/** Footers without page numbers (the 版记 page). */
export function blankFooters(): { default: Footer; even: Footer } {
  const blank = () => new Footer({ children: [new Paragraph({ style: STYLE.pageNumber.id, children: [] })] });
  return { default: blank(), even: blank() };
}

/**
 * The 版记's section: it starts on an even page (Word and LibreOffice insert an
 * unnumbered blank page when the text ends on an even one, as FORMAT.md asks),
 * carries no page number, and sets its content on the bottom of the type area.
 */
export function banjiProperties(): ISectionPropertiesOptions {
  // Numbering runs on from the text (a restart at 1 would make the 版记 page odd). No character
  // grid: the page holds only the 版记, and LibreOffice would push it 25 pt down to the grid.
  return pageProperties(
    { type: SectionType.EVEN_PAGE, verticalAlign: VerticalAlignSection.BOTTOM, grid: { linePitch: LINE } },
    false,
  );
}
