/** The shape `longarm extract --json` prints (design/contracts.md); offsets are UTF-16 indices. */
export type EntityType =
  'person' | 'organization' | 'public_body' | 'facility' | 'channel' | 'campaign' | 'place' | 'other';

export interface Span {
  start: number;
  end: number;
}

export interface ExtractedEntity extends Span {
  text: string;
  type: EntityType;
  canonical: string;
}

export interface ExtractedPlace extends Span {
  text: string;
  name: string;
  country: string;
  lat: number;
  lon: number;
}

export interface ExtractedDate extends Span {
  text: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD; --MM or --MM-DD when the year is not stated. */
  value: string;
}

export interface ExtractedFigure extends Span {
  text: string;
  value: number;
  unit?: string;
  what?: string;
  attributed_to?: string;
  upper?: number;
}

export interface CodedFinding {
  code: string;
  evidence: Span[];
}

export interface ResponseFinding extends CodedFinding {
  by?: string;
}

export type PiiType = 'EMAIL' | 'PHONE' | 'PASSPORT' | 'DATE_OF_BIRTH';

export interface Extraction {
  entities: ExtractedEntity[];
  places: ExtractedPlace[];
  dates: ExtractedDate[];
  figures: ExtractedFigure[];
  tactics: CodedFinding[];
  responses: ResponseFinding[];
  states: { origin: string[]; host: string[] };
  pii: { type: PiiType; start: number; end: number }[];
}

export interface ExtractDeps {
  /** Resolves dates without a year and relative dates ("last March"); defaults to none (kept partial). */
  referenceDate?: Date;
}
