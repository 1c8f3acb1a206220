import type { Language } from './dossier.model';

/**
 * A dossier PDF left the ledger: who took it (the event's actor), for which
 * certification, as of which position, in which language and template, and
 * the SHA-256 of its bytes, so anyone can later prove a file is the one issued.
 */
export type DossierEvent = {
  type: 'DossierIssued';
  data: { certificationId: string; position: string; language: Language; templateVersion: string; sha256: string; size: number };
};

export const dossierStream = (certificationId: string) => `dossier-${certificationId}`;
