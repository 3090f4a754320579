import type { Group } from "./group.js";

// GroupType as every group action returns it. Description, RoleArn and Precedence are left out when the
// group has none (the AWS CLI CreateGroup example shows a group without them); Precedence 0 is a value.

export interface GroupView {
  GroupName: string;
  UserPoolId: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
  LastModifiedDate: Date;
  CreationDate: Date;
}

export function groupView(group: Group): GroupView {
  const view: GroupView = {
    GroupName: group.groupName,
    UserPoolId: group.userPoolId,
    LastModifiedDate: group.lastModifiedAt,
    CreationDate: group.createdAt,
  };
  if (group.description !== null) view.Description = group.description;
  if (group.roleArn !== null) view.RoleArn = group.roleArn;
  if (group.precedence !== null) view.Precedence = group.precedence;
  return view;
}
