import type { Tone } from '../../../templates/template';
import { bottom, colourOf, ensureSpace, left, newPage, textWidth, top, use, type Ctx, type FontRole } from './layout';
import { artefact, tableAttributes, tagged, within } from './tags';

export interface Column {
  heading: string;
  align?: 'left' | 'right' | 'center';
  font?: FontRole;
  /** Font size when it differs from the table's (hashes in a smaller mono font). */
  size?: number;
}

export interface Cell {
  text: string;
  tone?: Tone;
  bold?: boolean;
  /** A second, quieter line: a justification, an identifier, a method. */
  note?: string | null;
}

export type Row =
  | { cells: readonly (string | Cell)[]; highlight?: boolean }
  /** A full-width row naming the group of rows that follow, kept with the first of them. */
  | { group: string };

interface Geometry {
  xs: number[];
  widths: number[];
  padding: number;
  size: number;
}

const cellOf = (cell: string | Cell): Cell => (typeof cell === 'string' ? { text: cell } : cell);

function geometry(ctx: Ctx, shares: readonly number[]): Geometry {
  const widths = shares.map((share) => share * textWidth(ctx));
  const xs: number[] = [];
  widths.reduce((x, width) => (xs.push(x), x + width), left(ctx));
  return { xs, widths, padding: ctx.layout.table.padding, size: ctx.layout.sizes.table };
}

/** Measuring the width first spares the line wrapper for the many one-line cells. */
function textHeight(ctx: Ctx, text: string, width: number): number {
  const doc = ctx.doc;
  if (!text.includes('\n') && doc.widthOfString(text) <= width) return doc.currentLineHeight(true);
  return doc.heightOfString(text, { width });
}

function fontFor(ctx: Ctx, column: Column, cell: Cell, g: Geometry): void {
  use(ctx, cell.bold ? 'bold' : (column.font ?? 'regular'), column.size ?? g.size, colourOf(ctx, cell.tone));
}

function rowHeight(ctx: Ctx, columns: readonly Column[], row: Row, g: Geometry): number {
  if ('group' in row) {
    use(ctx, 'bold', g.size);
    return textHeight(ctx, row.group, g.widths.reduce((a, b) => a + b) - 2 * g.padding) + 2 * g.padding;
  }
  let height = 0;
  row.cells.forEach((raw, i) => {
    const cell = cellOf(raw);
    const width = g.widths[i] - 2 * g.padding;
    fontFor(ctx, columns[i], cell, g);
    let cellHeight = textHeight(ctx, cell.text, width);
    if (cell.note) {
      use(ctx, 'regular', ctx.layout.sizes.small);
      cellHeight += textHeight(ctx, cell.note, width);
    }
    height = Math.max(height, cellHeight);
  });
  return height + 2 * g.padding;
}

/**
 * The header row: TH cells the first time, so every cell below is read with
 * its column's heading; where it is repeated on a later page it is page
 * furniture, or a screen reader would read it again in the middle of the table.
 */
function drawHeader(ctx: Ctx, columns: readonly Column[], g: Geometry, repeated: boolean): void {
  const doc = ctx.doc;
  const pad = ctx.layout.table.headerPadding;
  use(ctx, 'bold', g.size);
  const height = Math.max(...columns.map((c, i) => doc.heightOfString(c.heading, { width: g.widths[i] - 2 * pad }))) + 2 * pad;
  const y = doc.y;
  const width = g.widths.reduce((a, b) => a + b);
  artefact(ctx.tags, () => doc.rect(g.xs[0], y, width, height).fill(ctx.layout.colours.headerFill));
  const drawHeading = (column: Column, i: number) =>
    use(ctx, 'bold', g.size).text(column.heading, g.xs[i] + pad, y + pad, { width: g.widths[i] - 2 * pad, height: height - 2 * pad + 1, align: column.align ?? 'left' });
  if (repeated) artefact(ctx.tags, () => columns.forEach(drawHeading), 'Pagination');
  else {
    within(ctx.tags, 'TR', () =>
      columns.forEach((column, i) => tableAttributes(tagged(ctx.tags, 'TH', () => drawHeading(column, i)), { Scope: 'Column' })),
    );
  }
  doc.y = y + height;
}

function drawRow(ctx: Ctx, columns: readonly Column[], row: Row, height: number, index: number, g: Geometry, capped: boolean): void {
  const doc = ctx.doc;
  const y = doc.y;
  const width = g.widths.reduce((a, b) => a + b);
  const colours = ctx.layout.colours;
  // The rule under the row goes with its fill, in one artefact, before the cells.
  const rule = () => doc.moveTo(g.xs[0], y + height).lineTo(g.xs[0] + width, y + height).lineWidth(0.4).strokeColor(colours.rule).stroke();
  if ('group' in row) {
    artefact(ctx.tags, () => {
      doc.rect(g.xs[0], y, width, height).fill(colours.groupFill);
      rule();
    });
    // The group's name heads the rows that follow it, across every column.
    within(ctx.tags, 'TR', () => {
      const th = tagged(ctx.tags, 'TH', () =>
        use(ctx, 'bold', g.size, colours.accent).text(row.group, g.xs[0] + g.padding, y + g.padding, { width: width - 2 * g.padding, height: height - 2 * g.padding + 1 }),
      );
      tableAttributes(th, { Scope: 'Row', ColSpan: columns.length });
    });
  } else {
    const fill = row.highlight ? colours.highlight : index % 2 === 1 ? colours.zebra : null;
    artefact(ctx.tags, () => {
      if (fill) doc.rect(g.xs[0], y, width, height).fill(fill);
      rule();
    });
    within(ctx.tags, 'TR', () =>
      row.cells.forEach((raw, i) => {
        const cell = cellOf(raw);
        const width = g.widths[i] - 2 * g.padding;
        const align = columns[i].align ?? 'left';
        const bottomY = y + height - g.padding + 1;
        tagged(ctx.tags, 'TD', () => {
          fontFor(ctx, columns[i], cell, g);
          // A height keeps pdfkit from ever carrying a cell over to a page of its own.
          doc.text(cell.text, g.xs[i] + g.padding, y + g.padding, { width, height: bottomY - y - g.padding, align, ellipsis: capped });
          if (cell.note && doc.y < bottomY - 1) {
            use(ctx, 'regular', ctx.layout.sizes.small, colours.muted);
            doc.text(cell.note, g.xs[i] + g.padding, doc.y, { width, height: bottomY - doc.y, align, ellipsis: capped });
          }
        });
      }),
    );
  }
  doc.y = y + height;
}

/**
 * A table that breaks cleanly across pages: a row is never split, the header
 * row is repeated on every page the table reaches, and a group row is never
 * left alone at the foot of a page. A row taller than a whole page (only an
 * absurdly long justification could make one) is cut with an ellipsis.
 */
export function drawTable(ctx: Ctx, shares: readonly number[], columns: readonly Column[], rows: readonly Row[]): void {
  const g = geometry(ctx, shares);
  const headerRoom = ctx.layout.sizes.table * 4;
  const room = bottom(ctx) - top(ctx) - headerRoom;
  // Rows are measured as they are drawn, not all beforehand: measuring and
  // drawing a row then fall on the same page, where the word cache still holds.
  const measured = new Map<number, number>();
  const heightOf = (i: number) => {
    if (!measured.has(i)) measured.set(i, rowHeight(ctx, columns, rows[i], g));
    return measured.get(i) as number;
  };
  ensureSpace(ctx, headerRoom + (rows.length > 0 ? Math.min(heightOf(0), room) : 0));
  within(ctx.tags, 'Table', () => {
    drawHeader(ctx, columns, g, false);
    let stripe = 0;
    rows.forEach((row, i) => {
      const full = heightOf(i);
      const height = Math.min(full, room);
      const kept = 'group' in row && i + 1 < rows.length ? Math.min(heightOf(i + 1), room) : 0;
      if (ctx.doc.y + height + kept > bottom(ctx)) {
        newPage(ctx);
        drawHeader(ctx, columns, g, true);
      }
      stripe = 'group' in row ? 0 : stripe + 1;
      drawRow(ctx, columns, row, height, stripe - 1, g, height < full);
      measured.delete(i);
    });
  });
  ctx.doc.x = left(ctx);
  ctx.doc.y += 8;
}
