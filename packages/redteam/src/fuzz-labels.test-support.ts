/** On everything a fuzz call creates (merged into its `labels`), with the run as value. */
export const MADE_LABEL = 'berth.fuzz';
/** On the fuzz's own fixtures, which calls may act on but never remove. */
export const FIXTURE_LABEL = 'berth.fuzz.fixture';
