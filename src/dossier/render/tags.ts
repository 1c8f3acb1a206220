/**
 * The dossier's logical structure (decision 35): what a screen reader and a
 * PDF/A-3a validator read instead of the drawing. Every piece of content is
 * either marked as part of a structure element, in reading order, or marked
 * as an artefact (page furniture, rules, fills), never both and never
 * nested: pdfkit closes open marked content when a new one starts, so each
 * helper here opens and closes its own sequence around one drawing.
 */
export type Element = PDFKit.PDFStructureElement;

/** The elements content goes into, innermost last; the first is the Document element. */
export interface Structure {
  doc: PDFKit.PDFDocument;
  open: Element[];
}

interface ElementData {
  dictionary: { data: { S: string; A?: Record<string, unknown> } };
}
const dataOf = (element: Element) => (element as unknown as ElementData).dictionary.data;

export type Artefact = 'Pagination' | 'Layout';

/** What pdfkit writes into a structure element: its language and, for a figure, its alternative text. */
export interface ElementOptions {
  lang?: string;
  alt?: string;
}

/** Opens the Document element, the root of everything else, in the document's language. */
export function openStructure(doc: PDFKit.PDFDocument, lang: string): Structure {
  const root = doc.struct('Document', { lang });
  doc.addStructure(root);
  return { doc, open: [root] };
}

const parentOf = (s: Structure): Element => s.open[s.open.length - 1];

/** A new element under the innermost open one; it stays open for children until `close`. */
export function open(s: Structure, type: string, options: ElementOptions = {}): Element {
  const element = s.doc.struct(type, options);
  parentOf(s).add(element);
  s.open.push(element);
  return element;
}

export function close(s: Structure, element: Element): void {
  const at = s.open.lastIndexOf(element);
  if (at < 1) throw new Error('Closing a structure element that is not open');
  s.open.splice(at);
  element.end();
}

/** An element opened, filled by `draw` and closed. */
export function within<T>(s: Structure, type: string, draw: (element: Element) => T, options: ElementOptions = {}): T {
  const element = open(s, type, options);
  const result = draw(element);
  close(s, element);
  return result;
}

/**
 * Content drawn by `draw` as (one more part of) `element`: a heading, a
 * cell, one bar of a chart. `draw` must not open a page.
 */
export function markInto(s: Structure, element: Element, draw: () => void): void {
  const content = s.doc.markStructureContent(dataOf(element).S);
  draw();
  s.doc.endMarkedContent();
  element.add(content);
}

/** A leaf element of `type` holding what `draw` draws, under the innermost open element. */
export function tagged(s: Structure, type: string, draw: () => void, options: ElementOptions = {}): Element {
  const element = s.doc.struct(type, options);
  parentOf(s).add(element);
  markInto(s, element, draw);
  element.end();
  return element;
}

/** Drawing that is not content: rules, fills, running headers, repeated table headers. */
export function artefact(s: Structure, draw: () => void, type: Artefact = 'Layout'): void {
  s.doc.markContent('Artifact', { type });
  draw();
  s.doc.endMarkedContent();
}

/** Table attributes (ISO 32000-1, 14.8.5.7) pdfkit has no option for, such as a cell spanning columns. */
export function tableAttributes(element: Element, attributes: { Scope?: 'Row' | 'Column' | 'Both'; ColSpan?: number }): void {
  const data = dataOf(element);
  data.A = { ...data.A, O: 'Table', ...attributes };
}

/** A figure's place on its page, in pdfkit's top-down coordinates, for tools that show or reflow it. */
export function boundingBox(s: Structure, element: Element, x: number, y: number, width: number, height: number): void {
  const data = dataOf(element);
  const pageHeight = s.doc.page.height;
  data.A = { O: 'Layout', Placement: 'Block', BBox: [x, pageHeight - (y + height), x + width, pageHeight - y] };
}

/**
 * An element placed now in reading order but filled later, such as the
 * contents page, drawn once every section's page is known, or a chart whose
 * parts fall on two pages. Whoever reserves it ends it.
 */
export function reserve(s: Structure, type: string, options: ElementOptions = {}): Element {
  const element = s.doc.struct(type, options);
  parentOf(s).add(element);
  return element;
}

/** Fills a reserved element with what `draw` tags, then closes it. */
export function fillReserved(s: Structure, element: Element, draw: () => void): void {
  s.open.push(element);
  draw();
  close(s, element);
}
