/**
 * A lane is one generation of one read model. `active` answers queries;
 * `building` is a new version catching up while the old one keeps answering;
 * `replay` is being rebuilt by `confiance replay` or the admin route.
 */
export interface Lane {
  generation: number;
  name: string;
  version: number;
  position: number | null;
  state: 'active' | 'building' | 'replay';
}
