import type { Sensitivity } from '@longarm/contracts';
import type { ActId, EntityId, FacilityId, IncidentId, InvolvementId, ResponseId } from './ids.ts';
import type { ResponseCode, TacticCode } from './taxonomy.ts';

export type DatePrecision = 'day' | 'month' | 'year' | 'estimate' | 'range';
export type IncidentType = 'tnr_incident' | 'infrastructure_event' | 'influence_operation' | 'legal_action';

/** Who did what to whom (HURIDOCS events format): Incident → Act → Involvement. */
export interface Incident {
  id: IncidentId;
  title: string;
  summary: string;
  type: IncidentType;
  startDate: string | null;
  endDate: string | null;
  datePrecision: DatePrecision | null;
  /** ISO 3166-1 alpha-2 of the state reaching abroad. */
  originStates: string[];
  hostCountry: string | null;
  sensitivity: Sensitivity;
}

export type ActOutcome = 'completed' | 'attempted' | 'foiled' | 'unknown';

export interface Act {
  id: ActId;
  incidentId: IncidentId;
  tactic: TacticCode;
  targetIds: EntityId[];
  outcome: ActOutcome;
}

export type InvolvementRole =
  'perpetrator' | 'proxy' | 'facilitator' | 'host_authority' | 'intervening_party' | 'witness';

export interface Involvement {
  id: InvolvementId;
  actId: ActId;
  actorId: EntityId;
  role: InvolvementRole;
}

export type FacilityType =
  | 'overseas_police_station'
  | 'service_centre'
  | 'consulate'
  | 'front_business'
  | 'association_office'
  | 'safehouse';

export interface Facility {
  id: FacilityId;
  type: FacilityType;
  name: string;
  address: string | null;
  city: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  operatorId: EntityId | null;
  sensitivity: Sensitivity;
}

/** How a host state, origin state or other party answered an incident or facility. */
export interface Response {
  id: ResponseId;
  code: ResponseCode;
  responderId: EntityId | null;
  responderName: string;
  date: string | null;
  incidentId: IncidentId | null;
  facilityId: FacilityId | null;
}
