import { actorLabel } from '../domain/audit.ts';
import { LOCAL_VIEWER, visibleTo, type Viewer } from '../domain/account.ts';
import { AppError, invalidInput, notFound } from '../domain/errors.ts';
import {
  statusOfAction,
  viewerCanReview,
  type ReviewAction,
  type ReviewCorrection,
  type ReviewDecision,
  type ReviewItem,
  type ReviewKind,
  type ReviewStatus,
} from '../domain/review.ts';
import type { Db } from '../store/db.ts';
import { documentText, getReviewItems, listReviewItems, recordDecision } from '../store/suggestions.store.ts';
import type { AuditService } from './audit.service.ts';

export interface ReviewQuery {
  kind?: ReviewKind;
  status?: ReviewStatus;
  document?: string;
  limit?: number;
  offset?: number;
}

export interface ReviewService {
  /** @throws unauthorized for anonymous visitors, forbidden for roles and tokens that may not review */
  requireReviewer(viewer: Viewer): void;
  /** The machine's suggestions the viewer may read, filtered; `total` counts every match. */
  list(query: ReviewQuery, viewer?: Viewer): Promise<{ items: ReviewItem[]; total: number }>;
  /**
   * Accepts, rejects or edits one suggestion (deciding again replaces the earlier decision; the
   * suggestion itself is never changed). Every decision is written to the audit log.
   * @throws unauthorized / forbidden without the right to review; not_found for a suggestion the viewer cannot see; invalid_input for a bad edit
   */
  decide(id: string, decision: ReviewDecision, viewer?: Viewer): Promise<ReviewItem>;
  /** Accepts or rejects many at once, all or none. @throws not_found naming the first unknown id */
  decideMany(
    ids: readonly string[],
    decision: { action: Exclude<ReviewAction, 'edit'>; note?: string },
    viewer?: Viewer,
  ): Promise<ReviewItem[]>;
}

export const MAX_BULK = 500;
const MAX_NOTE = 2000;
const MAX_VALUE_JSON = 20_000;

/** A lone UTF-16 surrogate cannot be stored as text: refuse it as bad input rather than fail later. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const ESCAPED_SURROGATE = /\\ud[89a-f][0-9a-f]{2}/i;
function checkText(value: string, what: string): void {
  if (LONE_SURROGATE.test(value) || value.includes('\u0000')) {
    throw invalidInput(`${what} holds a character that cannot be stored (a lone surrogate or NUL)`);
  }
}

function requireReviewer(viewer: Viewer): void {
  if (viewerCanReview(viewer)) {
    return;
  }
  if (viewer.kind === 'anonymous') {
    throw new AppError('unauthorized', 'log in to review suggestions');
  }
  throw new AppError(
    'forbidden',
    'your role may not review suggestions (reviewers, analysts and admins may)',
  );
}

/** The reviewer's version of a suggestion: a span is checked against the document and quoted from it. */
async function correctionFor(
  db: Db,
  item: ReviewItem,
  c: ReviewDecision['correction'],
): Promise<ReviewCorrection> {
  if (!c || (c.start === undefined && c.end === undefined && c.type === undefined && c.value === undefined)) {
    throw invalidInput('an edit needs a correction: a new span (start and end), a type, or a value');
  }
  const out: ReviewCorrection = {};
  if (c.start !== undefined || c.end !== undefined) {
    const text = (await documentText(db, item.documentId)) ?? '';
    const { start, end } = c;
    if (
      start === undefined ||
      end === undefined ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end <= start ||
      end > text.length
    ) {
      throw invalidInput(
        `a corrected span needs whole numbers 0 <= start < end <= ${text.length} (the document's length in UTF-16 units)`,
      );
    }
    Object.assign(out, { start, end, text: text.slice(start, end) });
  }
  if (c.type !== undefined) {
    checkText(c.type, 'the corrected type');
    out.type = c.type;
  }
  if (c.value !== undefined) {
    const json = JSON.stringify(c.value) ?? 'null';
    if (json.length > MAX_VALUE_JSON || ESCAPED_SURROGATE.test(json) || json.includes('\\u0000')) {
      throw invalidInput(
        `the corrected value must be JSON of at most ${MAX_VALUE_JSON} characters without lone surrogates`,
      );
    }
    out.value = c.value;
  }
  return out;
}

export function createReviewService({ db, audit }: { db: Db; audit: AuditService }): ReviewService {
  const checkNote = (note: string | undefined): string | null => {
    if (note !== undefined && note.length > MAX_NOTE) {
      throw invalidInput(`a note may hold at most ${MAX_NOTE} characters`);
    }
    if (note !== undefined) {
      checkText(note, 'the note');
    }
    return note?.trim() ? note.trim() : null;
  };
  const log = (viewer: Viewer, item: ReviewItem, action: ReviewAction, extra: Record<string, unknown> = {}) =>
    audit.append(viewer, {
      action: `review.${action}`,
      recordKind: item.kind,
      recordId: item.id,
      details: { document: item.documentId, type: item.type, previous: item.status, ...extra },
    });

  return {
    requireReviewer,
    async list(query, viewer = LOCAL_VIEWER) {
      if (viewer.kind === 'anonymous') {
        throw new AppError('unauthorized', 'log in to see the review queue');
      }
      const limit = query.limit ?? 100;
      const offset = query.offset ?? 0;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw invalidInput('limit must be a whole number from 1 to 1000');
      }
      if (!Number.isInteger(offset) || offset < 0) {
        throw invalidInput('offset must be a whole number from 0');
      }
      if (query.document !== undefined) {
        checkText(query.document, 'the document id');
      }
      return listReviewItems(
        db,
        {
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.status ? { status: query.status } : {}),
          ...(query.document ? { documentId: query.document } : {}),
          limit,
          offset,
        },
        visibleTo(viewer),
      );
    },
    async decide(id, decision, viewer = LOCAL_VIEWER) {
      requireReviewer(viewer);
      checkText(id, 'the suggestion id');
      const note = checkNote(decision.note);
      const item = (await getReviewItems(db, [id], visibleTo(viewer)))[0];
      if (!item) {
        throw notFound('suggestion', id);
      }
      const corrected =
        decision.action === 'edit' ? await correctionFor(db, item, decision.correction) : null;
      const status = statusOfAction(decision.action);
      await recordDecision(db, item, { status, by: actorLabel(viewer), note, corrected });
      await log(viewer, item, decision.action, corrected ? { corrected } : {});
      const [after] = await getReviewItems(db, [id], visibleTo(viewer));
      return after ?? item;
    },
    async decideMany(ids, decision, viewer = LOCAL_VIEWER) {
      requireReviewer(viewer);
      const unique = [...new Set(ids)];
      if (unique.length === 0 || unique.length > MAX_BULK) {
        throw invalidInput(`give from 1 to ${MAX_BULK} suggestion ids`);
      }
      unique.forEach((i) => checkText(i, 'a suggestion id'));
      const note = checkNote(decision.note);
      const levels = visibleTo(viewer);
      const items = await getReviewItems(db, unique, levels);
      const missing = unique.find((i) => !items.some((it) => it.id === i));
      if (missing !== undefined) {
        throw notFound('suggestion', missing);
      }
      const status = statusOfAction(decision.action);
      await db.transaction(async (tx) => {
        for (const item of items) {
          await recordDecision(tx, item, { status, by: actorLabel(viewer), note, corrected: null });
        }
      });
      for (const item of items) {
        await log(viewer, item, decision.action, { bulk: true });
      }
      return getReviewItems(db, unique, levels);
    },
  };
}
