/** The partnership's timeline: milestones with planned and achieved dates, and their slips. */
export const MILESTONE_KINDS = ['announcement', 'regulatory', 'corporate', 'operational', 'certification'] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export type MilestoneEvent =
  | {
      type: 'MilestoneRecorded';
      /** `certificationIds`: the certifications it concerns; absent, the whole provider. */
      data: { milestoneId: string; title: string; kind: MilestoneKind; plannedFor: string | null; occurredOn: string | null; source: string | null; certificationIds?: string[] };
    }
  | { type: 'MilestoneAchieved'; data: { milestoneId: string; occurredOn: string } }
  /** `on` (the day the slip was decided) is absent from events recorded before it existed: the day recorded stands for it. */
  | { type: 'MilestoneSlipped'; data: { milestoneId: string; previouslyPlannedFor: string | null; plannedFor: string; reason: string; on?: string } };

export const milestoneStream = (id: string) => `milestone-${id}`;
