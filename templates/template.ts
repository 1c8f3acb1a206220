/**
 * The dossier's layout and wording as data. The renderer holds no words of
 * its own: every title, heading and code label comes from a template, so a
 * wording change is a template change (and a new `version`, which the
 * dossier's manifest records).
 *
 * Placeholders in patterns are written `{name}`.
 */
/** The languages a dossier is written in: one template each (`templates/index.ts`); routes and the CLI offer this list. */
export const LANGUAGES = ['fr', 'en'] as const;
export type TemplateLanguage = (typeof LANGUAGES)[number];

/** A label for each code; codes missing here are shown as they are. */
export type Labels = Readonly<Record<string, string>>;

export interface ColumnHeadings {
  readonly [column: string]: string;
}

export interface SectionWording {
  readonly title: string;
  /** Shown when the section has nothing to list. */
  readonly empty: string;
}

export interface DateRules {
  /** Twelve month names, January first, as written inside a date. */
  readonly months: readonly string[];
  readonly monthsShort: readonly string[];
  /** How day 1 is written in long dates ('1er' in French). */
  readonly firstDay: string;
  /** Tokens: {d} day, {dd} two-digit day, {month}, {mon}, {mm}, {yyyy}. */
  readonly long: string;
  readonly short: string;
  /** Tokens: {date} (short), {hh}, {min}. Instants are shown in UTC. */
  readonly instant: string;
}

export interface NumberRules {
  readonly thousands: string;
  readonly decimal: string;
  /** Token: {n}. */
  readonly percent: string;
  /** Units for 1, 10^3, 10^6 and 10^9 bytes. */
  readonly byteUnits: readonly [string, string, string, string];
}

export type Tone = 'good' | 'warning' | 'bad' | 'neutral' | 'accent';

export interface Layout {
  /** A4 in points, portrait. */
  readonly page: { readonly size: readonly [number, number]; readonly margins: { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number } };
  /** Font files of the font package, without extension. */
  readonly fonts: { readonly regular: string; readonly bold: string; readonly mono: string };
  readonly sizes: {
    readonly coverTitle: number;
    readonly coverSubtitle: number;
    readonly h1: number;
    readonly h2: number;
    readonly body: number;
    readonly table: number;
    readonly small: number;
    /** Full SHA-256 hashes, in the mono font, kept on one line. */
    readonly hash: number;
    readonly header: number;
  };
  readonly colours: {
    readonly paper: string;
    readonly text: string;
    readonly muted: string;
    readonly accent: string;
    readonly rule: string;
    readonly headerFill: string;
    readonly groupFill: string;
    readonly zebra: string;
    readonly highlight: string;
    readonly good: string;
    readonly warning: string;
    readonly bad: string;
    readonly neutral: string;
  };
  /** Colour role of each code by family (keys of `codes`), for charts and status cells. */
  readonly tones: Readonly<Record<string, Readonly<Record<string, Tone>>>>;
  readonly table: { readonly padding: number; readonly headerPadding: number };
  /** Column widths as shares of the text width, in the order of each table's columns. */
  readonly columns: Readonly<Record<string, readonly number[]>>;
  readonly charts: { readonly barHeight: number; readonly barGap: number; readonly labelWidth: number; readonly timelineHeight: number };
}

export interface DossierTemplate {
  readonly version: string;
  readonly language: TemplateLanguage;
  /** BCP 47 tag written as the document language. */
  readonly locale: string;
  readonly dates: DateRules;
  readonly numbers: NumberRules;
  readonly layout: Layout;
  readonly document: {
    /** Tokens: {label}, {service}. */
    readonly title: string;
    readonly subject: string;
    readonly keywords: string;
    readonly attachmentDescription: string;
  };
  /** Tokens: {label}, {service}, {asOf}. */
  readonly header: string;
  /** Tokens: {n}, {total}. */
  readonly footer: string;
  readonly cover: {
    readonly title: string;
    readonly subtitle: string;
    readonly fields: ColumnHeadings;
    /** Tokens: {position}, {recordedAt}. */
    readonly notice: string;
    readonly positionPattern: string;
  };
  readonly toc: { readonly title: string };
  readonly sections: {
    readonly summary: SectionWording & {
      readonly lifecycle: string;
      readonly readiness: string;
      readonly readinessLegend: string;
      readonly counts: string;
      readonly overdue: string;
      readonly overdueEmpty: string;
      readonly overdueColumns: ColumnHeadings;
      readonly fields: ColumnHeadings;
      readonly countLabels: ColumnHeadings;
      readonly stepColumns: ColumnHeadings;
      /** Tokens: {n}. */
      readonly daysLeft: string;
    };
    /** "Points de vigilance": what weakens the file on the dossier's date, before the details. */
    readonly warnings: SectionWording & {
      readonly intro: string;
      readonly columns: ColumnHeadings;
      readonly countColumns: ColumnHeadings;
      /** A heading per kind of warning (keys: WarningKind). */
      readonly kinds: Labels;
      /**
       * The detail of each kind. Tokens: {finding}, {title}, {requirement}, {step}, {on}, {count}, {applicable},
       * {refs}, {name}, {sha}, {obligation}, {incident}, {sent}, {year}.
       */
      readonly details: Labels;
      /** Appended to a finding past its due date. */
      readonly overdue: string;
      /** Tokens: {date}. */
      readonly sentLate: string;
      readonly notSent: string;
      /** A long list cut short. Tokens: {list}, {n}. */
      readonly more: string;
      /** In the summary. Tokens: {n}. */
      readonly summaryCount: string;
    };
    readonly applicability: SectionWording & {
      readonly intro: string;
      readonly columns: ColumnHeadings;
      readonly chapterPattern: string;
      /** A file the latest check relies on. Tokens: {name}, {sha}. */
      readonly file: string;
      /** Appended to a file past its validity. Tokens: {date}. */
      readonly expired: string;
      /** A cited hash the evidence store does not hold. */
      readonly unknownFile: string;
    };
    readonly audits: SectionWording & {
      readonly programme: string;
      readonly passi: string;
      readonly passiEmpty: string;
      readonly findings: string;
      readonly findingsChart: string;
      readonly findingsEmpty: string;
      readonly columns: ColumnHeadings;
      readonly passiColumns: ColumnHeadings;
      readonly findingColumns: ColumnHeadings;
      readonly overdue: string;
      readonly history: string;
      readonly historyEmpty: string;
      readonly historyColumns: ColumnHeadings;
      readonly raised: string;
      readonly remediation: string;
      /** Tokens: {resolution}. */
      readonly closed: string;
      /** Shown for a person erased from the people registry (their name is gone). */
      readonly erasedSubject: string;
    };
    readonly incidents: SectionWording & {
      readonly chart: string;
      readonly register: string;
      readonly deadlines: string;
      readonly deadlinesEmpty: string;
      readonly columns: ColumnHeadings;
      readonly deadlineColumns: ColumnHeadings;
      readonly followUp: string;
      readonly followUpEmpty: string;
      readonly followUpColumns: ColumnHeadings;
      /** Tokens: {recipient}, {kind}. */
      readonly notification: string;
      /** Tokens: {reference}. */
      readonly reference: string;
      readonly noReference: string;
      /** Tokens: {obligation}. */
      readonly waiver: string;
      /** Tokens: {reason}, {basis}. */
      readonly legalBasis: string;
      readonly postmortem: string;
      readonly summary: string;
    };
    readonly changes: SectionWording & {
      readonly reviews: string;
      readonly exceptions: string;
      readonly exceptionsEmpty: string;
      readonly columns: ColumnHeadings;
      readonly exceptionColumns: ColumnHeadings;
      readonly emergency: string;
      readonly notDeployed: string;
      readonly notes: string;
      readonly notesEmpty: string;
      readonly notesColumns: ColumnHeadings;
    };
    readonly timeline: SectionWording & {
      readonly chart: string;
      readonly table: string;
      readonly legend: ColumnHeadings;
      readonly columns: ColumnHeadings;
      /** Tokens: {n}. */
      readonly slip: string;
      /** How an audit is named on the timeline. Token: {kind}. */
      readonly auditTitle: string;
    };
    readonly evidence: SectionWording & { readonly columns: ColumnHeadings };
    /** Protection against non-EU law (SecNumCloud 19.6 and 19.2). */
    readonly sovereignty: SectionWording & {
      /** Tokens: {date}, {provider}, {individual}, {collective}. */
      readonly intro: string;
      readonly verdicts: string;
      readonly holders: string;
      readonly rights: string;
      readonly access: string;
      readonly locations: string;
      readonly notices: string;
      readonly none: string;
      /** Tokens: {capital}, {voting}. */
      readonly collective: string;
      readonly requirements: Labels;
      readonly verdict: Labels;
      readonly method: Labels;
      readonly noticeStatus: Labels;
      readonly rightKind: Labels;
      readonly path: Labels;
      readonly locationKind: Labels;
      readonly verdictColumns: ColumnHeadings;
      readonly holderColumns: ColumnHeadings;
      readonly rightColumns: ColumnHeadings;
      readonly accessColumns: ColumnHeadings;
      readonly locationColumns: ColumnHeadings;
      readonly noticeColumns: ColumnHeadings;
      /** In the statement of applicability, for a status computed from the evaluation. Token: {date}. */
      readonly computed: string;
      /** Token: {who}. */
      readonly breachedBy: string;
      /** Approved upstream releases that add or change an access path (decision 29). */
      readonly accessReviews: string;
      readonly accessReviewColumns: ColumnHeadings;
      readonly effect: Labels;
      /** The ownership chart. Token: {date}. */
      readonly chart: string;
      readonly chartLegend: { readonly nonEu: string; readonly eu: string; readonly provider: string };
      /** In a non-EU entity's box, after its country code. */
      readonly chartNonEu: string;
      /** An arrow's label. Tokens: {capital}, {voting}. */
      readonly chartHolding: string;
    };
    readonly integrity: SectionWording & {
      readonly position: string;
      readonly fields: ColumnHeadings;
      readonly streams: string;
      readonly columns: ColumnHeadings;
      readonly verifyTitle: string;
      /** Paragraphs; a paragraph starting with '$ ' is a command, shown in the mono font. */
      readonly verify: readonly string[];
    };
  };
  /** How the dossier names things, never by identifier (those stay in the integrity annex). */
  readonly references: {
    /** Tokens: {kind}, {year}. */
    readonly audit: string;
    /** Several audits of a kind started the same year. Tokens: {kind}, {year}, {n}. */
    readonly auditNumbered: string;
    /** A finding by its audit and its number in it. Tokens: {audit}, {n}. */
    readonly finding: string;
    /** Tokens: {title}, {detected}. */
    readonly incident: string;
    /** An obligation whose subject the dossier does not show. */
    readonly unknown: string;
    /** A change or milestone of the whole provider, not of named certifications. */
    readonly providerWide: string;
    /** A change or milestone recorded for named certifications, this one among them. */
    readonly ownScope: string;
  };
  readonly codes: {
    readonly requirementStatus: Labels;
    /** Whether a requirement's latest result still holds on the dossier's date. */
    readonly freshness: Labels;
    readonly checkResult: Labels;
    readonly method: Labels;
    readonly applicable: Labels;
    readonly yesNo: Labels;
    readonly findingSeverity: Labels;
    readonly incidentSeverity: Labels;
    readonly auditKind: Labels;
    readonly verdict: Labels;
    readonly findingStatus: Labels;
    readonly resolution: Labels;
    readonly incidentStatus: Labels;
    readonly notificationKind: Labels;
    readonly obligation: Labels;
    readonly obligationStatus: Labels;
    readonly certificationStatus: Labels;
    readonly certificationStep: Labels;
    readonly decision: Labels;
    readonly risk: Labels;
    readonly milestoneKind: Labels;
    readonly timelineSource: Labels;
  };
  /** Shown for a missing value. */
  readonly none: string;
}
