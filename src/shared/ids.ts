import { randomUUID } from 'node:crypto';

/** New identifiers are injected so that tests can predict them. */
export abstract class IdGenerator {
  abstract next(): string;
}

export class UuidGenerator extends IdGenerator {
  next(): string {
    return randomUUID();
  }
}

/** Predictable ids for tests: prefix-1, prefix-2, ... */
export class SequentialIds extends IdGenerator {
  private counter = 0;
  constructor(private readonly prefix = 'id') {
    super();
  }
  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}
