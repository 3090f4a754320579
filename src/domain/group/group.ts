export interface Group {
  userPoolId: string;
  groupName: string;
  description: string | null;
  roleArn: string | null;
  /** Lower wins when several groups carry a role; null ranks last. */
  precedence: number | null;
  createdAt: Date;
  lastModifiedAt: Date;
}
