// Where a rule's documentation lives online: the same Markdown `stackc explain` prints, and the
// `helpUri` GitHub code scanning links to.
export const REPOSITORY_URL = 'https://github.com/stackc-dev/stackc';

export const docsUrl = (ruleId: string): string => `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
