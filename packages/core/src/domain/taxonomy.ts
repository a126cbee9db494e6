/**
 * Tactic and response codes (domain.md §5). Families: PHY physical, HST host-state institutions,
 * LEG origin-state legal reach, MOB mobility, PRX coercion by proxy, DIG/SUR digital and
 * surveillance, RET return operations, INF infrastructure and influence, RSP responses.
 */
export const TACTIC_CODES = [
  'PHY.KILL',
  'PHY.KILL_ATTEMPT',
  'PHY.ASSAULT',
  'PHY.ABDUCT',
  'PHY.RENDITION',
  'PHY.INTIMIDATE',
  'HST.DETAIN',
  'HST.DEPORT',
  'HST.EXTRADITE',
  'HST.INTERPOL',
  'HST.JOINT_POLICING',
  'LEG.CHARGE',
  'LEG.BOUNTY',
  'LEG.ASSET',
  'LEG.EXTRATERRITORIAL_LAW',
  'LEG.LISTING',
  'LEG.SECRECY_PROSECUTION',
  'MOB.DOCUMENT_DENIAL',
  'MOB.EXIT_BAN',
  'MOB.LURE',
  'MOB.EXIT_CONTROL',
  'PRX.FAMILY_THREAT',
  'PRX.FAMILY_DETAIN',
  'PRX.FAMILY_PENALTY',
  'PRX.FAMILY_INSTRUMENT',
  'DIG.THREAT',
  'DIG.HARASS',
  'DIG.SPYWARE',
  'DIG.ACCOUNT_COMPROMISE',
  'DIG.IMPERSONATE',
  'SUR.SURVEIL',
  'SUR.REGISTER',
  'RET.PERSUADE',
  'RET.INVOLUNTARY_RETURN',
  'INF.POLICE_STATION',
  'INF.HOTLINE',
  'INF.UF_MOBILISATION',
  'INF.POLITICAL_INFILTRATION',
  'INF.ELITE_CULTIVATION',
  'INF.IGO_ABUSE',
  'INF.INFLUENCE_OP',
] as const;
export type TacticCode = (typeof TACTIC_CODES)[number];

export const RESPONSE_CODES = [
  'RSP.ALT_EXPLANATION',
  'RSP.ARREST_CHARGE',
  'RSP.CLOSURE_ORDER',
  'RSP.CONVICTION',
  'RSP.DENIAL',
  'RSP.DIPLOMATIC_PROTEST',
  'RSP.DIPLOMAT_EXPULSION',
  'RSP.INVESTIGATION',
  'RSP.NO_EVIDENCE_FOUND',
  'RSP.POLICY_CHANGE',
  'RSP.PROTECTION',
  'RSP.SANCTION',
] as const;
export type ResponseCode = (typeof RESPONSE_CODES)[number];

/** Physical tactics enter Freedom House-comparable counts. */
export const PHYSICAL_TACTICS: ReadonlySet<TacticCode> = new Set<TacticCode>([
  'PHY.KILL',
  'PHY.KILL_ATTEMPT',
  'PHY.ASSAULT',
  'PHY.ABDUCT',
  'PHY.RENDITION',
  'PHY.INTIMIDATE',
  'HST.DETAIN',
  'HST.DEPORT',
]);

export const isTacticCode = (value: string): value is TacticCode =>
  (TACTIC_CODES as readonly string[]).includes(value);
export const isResponseCode = (value: string): value is ResponseCode =>
  (RESPONSE_CODES as readonly string[]).includes(value);
