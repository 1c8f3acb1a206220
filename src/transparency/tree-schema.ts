/** Schema of transparency.db, tracked in PRAGMA user_version; migrations only ever add. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE leaves (
     leaf_index INTEGER PRIMARY KEY,
     position   TEXT    NOT NULL,
     event_id   TEXT    NOT NULL UNIQUE,
     stream     TEXT    NOT NULL,
     event_hash TEXT    NOT NULL
   );
   CREATE TABLE nodes (
     level      INTEGER NOT NULL,
     node_index INTEGER NOT NULL,
     hash       BLOB    NOT NULL,
     PRIMARY KEY (level, node_index)
   ) WITHOUT ROWID;
   CREATE TABLE checkpoints (
     tree_size  INTEGER PRIMARY KEY,
     root_hash  BLOB    NOT NULL,
     note       TEXT    NOT NULL,
     issued_at  TEXT    NOT NULL,
     tsa_token  BLOB
   );
   CREATE TABLE cosignatures (
     tree_size  INTEGER NOT NULL REFERENCES checkpoints (tree_size),
     witness    TEXT    NOT NULL,
     line       TEXT    NOT NULL,
     PRIMARY KEY (tree_size, witness)
   );`,
];

/** The event a leaf stands for. */
export interface LeafRecord {
  leafIndex: number;
  position: string;
  eventId: string;
  stream: string;
  /** metadata.hash of the event, hex: the leaf data is its 32 bytes. */
  eventHash: string;
}

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** The signed note as the log issued it, without cosignatures. */
  note: string;
  issuedAt: string;
  tsaToken: Buffer | null;
  /** C2SP cosignature lines, one per witness. */
  cosignatures: string[];
}

export interface CheckpointRow {
  tree_size: number;
  root_hash: Buffer;
  note: string;
  issued_at: string;
  tsa_token: Buffer | null;
}

