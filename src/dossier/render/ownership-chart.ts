import type { DossierSovereignty } from '../dossier.model';
import { fill } from './format';
import { legend } from './charts';
import { colourOf, ensureSpace, left, textWidth, use, type Ctx } from './layout';
import { boundingBox, markInto, reserve } from './tags';

type Structure = NonNullable<DossierSovereignty['structure']>;
type Holding = Structure['holdings'][number];

const BOX_HEIGHT = 30;
const LAYER_GAP = 46;
const BOX_GAP = 14;
const MAX_BOX_WIDTH = 150;
/** A holding that skips a layer passes through it at a waypoint this wide, between the boxes. */
const WAYPOINT_WIDTH = 10;

interface Slot {
  id: string;
  layer: number;
  waypoint: boolean;
  x: number;
  width: number;
}

/**
 * The ownership structure as a layered drawing: the provider at the bottom,
 * each holder above what it holds, an arrow per holding labelled with its
 * capital and voting percentages. A holding that skips a layer is routed
 * through a waypoint between that layer's boxes, so it never crosses one.
 * Within a layer, boxes follow the mean position of what they hold (then their
 * id), so the same structure always gives the same drawing. The drawing is
 * a Figure whose alternative text names every holding and where each holder
 * is registered.
 */
export function ownershipChart(ctx: Ctx, title: string, structure: Structure, percent: (value: number) => string): void {
  const { doc } = ctx;
  const { colours, sizes } = ctx.layout;
  const words = ctx.t.sections.sovereignty;
  const provider = structure.entities.find((e) => e.provider);
  if (!provider) return;

  // Layers: the provider 0, every holder one above the highest thing it holds.
  const out = new Map<string, Holding[]>();
  for (const h of structure.holdings) out.set(h.holder, [...(out.get(h.holder) ?? []), h]);
  const layers = new Map<string, number>();
  const layerOf = (id: string): number => {
    const known = layers.get(id);
    if (known !== undefined) return known;
    const held = out.get(id) ?? [];
    const layer = id === provider.entityId ? 0 : held.length === 0 ? 1 : 1 + Math.max(...held.map((h) => layerOf(h.of)));
    layers.set(id, layer);
    return layer;
  };
  const slots = new Map<string, Slot>(structure.entities.map((e) => [e.entityId, { id: e.entityId, layer: layerOf(e.entityId), waypoint: false, x: 0, width: 0 }]));
  // Each holding as the slots it passes through, from its holder down to what it holds.
  const routes = structure.holdings.map((h) => {
    const route = [h.holder];
    for (let layer = layerOf(h.holder) - 1; layer > layerOf(h.of); layer -= 1) {
      const id = `${h.holder}\u0000${h.of}\u0000${layer}`;
      slots.set(id, { id, layer, waypoint: true, x: 0, width: WAYPOINT_WIDTH });
      route.push(id);
    }
    return { holding: h, route: [...route, h.of] };
  });
  const below = new Map<string, string[]>();
  for (const { route } of routes) route.slice(0, -1).forEach((id, i) => below.set(id, [...(below.get(id) ?? []), route[i + 1]]));

  const top = Math.max(0, ...[...slots.values()].map((s) => s.layer));
  const x0 = left(ctx);
  const width = textWidth(ctx);
  for (let layer = 0; layer <= top; layer += 1) {
    const centre = (id: string) => slots.get(id)!.x + slots.get(id)!.width / 2;
    const mean = (s: Slot) => {
      const targets = below.get(s.id) ?? [];
      return targets.length === 0 ? x0 + width / 2 : targets.reduce((sum, id) => sum + centre(id), 0) / targets.length;
    };
    const row = [...slots.values()].filter((s) => s.layer === layer).sort((a, b) => mean(a) - mean(b) || a.id.localeCompare(b.id));
    const boxes = row.filter((s) => !s.waypoint).length;
    const room = width - (row.length - 1) * BOX_GAP - (row.length - boxes) * WAYPOINT_WIDTH;
    const boxWidth = Math.min(MAX_BOX_WIDTH, room / Math.max(1, boxes));
    for (const s of row) if (!s.waypoint) s.width = boxWidth;
    let x = x0 + (width - row.reduce((sum, s) => sum + s.width, 0) - (row.length - 1) * BOX_GAP) / 2;
    for (const s of row) {
      s.x = x;
      x += s.width + BOX_GAP;
    }
  }

  const height = (top + 1) * BOX_HEIGHT + top * LAYER_GAP;
  ensureSpace(ctx, height + sizes.small * 3);
  const y0 = doc.y + 4;
  const yOf = (layer: number) => y0 + (top - layer) * (BOX_HEIGHT + LAYER_GAP);

  const figure = reserve(ctx.tags, 'Figure', { alt: ownershipText(ctx, title, structure, percent) });
  markInto(ctx.tags, figure, () => {
    // Arrows first, so that labels and boxes sit on them; ports are spread along a box's edge in the order of the other ends.
    const port = (id: string, edge: 'out' | 'in', other: string) => {
      const s = slots.get(id)!;
      if (s.waypoint) return s.x + s.width / 2;
      const ends = routes.filter((r) => (edge === 'out' ? r.route[0] === id : r.route.at(-1) === id)).map((r) => (edge === 'out' ? r.route[1] : r.route.at(-2)!));
      const sorted = ends.sort((a, b) => slots.get(a)!.x - slots.get(b)!.x || a.localeCompare(b));
      return s.x + (s.width * (sorted.indexOf(other) + 1)) / (sorted.length + 1);
    };
    const accent = colourOf(ctx, 'accent');
    const labels: { text: string; x: number; y: number }[] = [];
    routes.forEach(({ holding, route }, index) => {
      const points: [number, number][] = [];
      route.forEach((id, i) => {
        const s = slots.get(id)!;
        const y = yOf(s.layer);
        if (i === 0) points.push([port(id, 'out', route[1]), y + BOX_HEIGHT]);
        else if (i === route.length - 1) points.push([port(id, 'in', route[i - 1]), y]);
        else points.push([s.x + s.width / 2, y], [s.x + s.width / 2, y + BOX_HEIGHT]);
      });
      doc.moveTo(...points[0]);
      for (const point of points.slice(1)) doc.lineTo(...point);
      doc.lineWidth(0.9).strokeColor(accent).stroke();
      const [[ax, ay], [bx, by]] = [points.at(-2)!, points.at(-1)!];
      const angle = Math.atan2(by - ay, bx - ax);
      const head = (turn: number): [number, number] => [bx - 6 * Math.cos(angle + turn), by - 6 * Math.sin(angle + turn)];
      doc.polygon([bx, by], head(0.4), head(-0.4)).fill(accent);
      const [[sx, sy], [ex, ey]] = [points[0], points[1]];
      // Labels of neighbouring arrows alternate above and below the middle of the gap, so they do not sit on one another.
      const t = index % 2 === 0 ? 0.42 : 0.62;
      labels.push({ text: fill(words.chartHolding, { capital: percent(holding.capitalPercent), voting: percent(holding.votingPercent) }), x: sx + (ex - sx) * t, y: sy + (ey - sy) * t });
    });
    use(ctx, 'regular', sizes.small, colours.text);
    for (const label of labels) {
      const w = doc.widthOfString(label.text) + 4;
      doc.rect(label.x - w / 2, label.y - sizes.small / 2 - 1, w, sizes.small + 2).fill(colours.paper);
      use(ctx, 'regular', sizes.small, colours.text).text(label.text, label.x - w / 2 + 2, label.y - sizes.small / 2, { lineBreak: false });
    }

    for (const e of structure.entities) {
      const s = slots.get(e.entityId)!;
      const y = yOf(s.layer);
      const stroke = e.nonEu ? colourOf(ctx, 'bad') : colourOf(ctx, 'accent');
      doc.roundedRect(s.x, y, s.width, BOX_HEIGHT, 3).lineWidth(e.provider ? 1.8 : 0.9).fillColor(e.nonEu ? colours.highlight : e.provider ? colours.groupFill : colours.paper).strokeColor(stroke).fillAndStroke();
      use(ctx, 'bold', sizes.table, colours.text).text(e.name, s.x + 4, y + 5, { width: s.width - 8, height: sizes.table + 2, lineBreak: false, ellipsis: true, align: 'center' });
      const where = e.nonEu ? `${e.country} · ${words.chartNonEu}` : e.country;
      use(ctx, e.nonEu ? 'bold' : 'regular', sizes.small, e.nonEu ? stroke : colours.muted).text(where, s.x + 4, y + 7 + sizes.table + 1, { width: s.width - 8, lineBreak: false, align: 'center' });
    }
  });
  boundingBox(ctx.tags, figure, x0, y0, width, height);
  figure.end();
  doc.x = x0;
  doc.y = y0 + height + 8;
  legend(ctx, [
    { label: words.chartLegend.provider, tone: 'accent' },
    { label: words.chartLegend.eu, tone: 'accent', mark: 'hollow' },
    { label: words.chartLegend.nonEu, tone: 'bad' },
  ]);
}

/** "Holdco (FR) → Provider (FR): 60 % capital / 60 % votes; …": the drawing in words. */
function ownershipText(ctx: Ctx, title: string, structure: Structure, percent: (value: number) => string): string {
  const words = ctx.t.sections.sovereignty;
  const entities = new Map(structure.entities.map((e) => [e.entityId, e]));
  const named = (id: string) => {
    const e = entities.get(id);
    return e ? `${e.name} (${e.nonEu ? `${e.country}, ${words.chartNonEu}` : e.country})` : id;
  };
  const holdings = structure.holdings.map((h) => `${named(h.holder)} → ${named(h.of)}: ${fill(words.chartHolding, { capital: percent(h.capitalPercent), voting: percent(h.votingPercent) })}`);
  return `${title}: ${holdings.join('; ')}`;
}
