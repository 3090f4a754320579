import { addCustomAttributes } from "../../app/user-pools/add-custom-attributes.js";
import { addUserPoolClientSecret } from "../../app/user-pools/add-user-pool-client-secret.js";
import { adminAddUserToGroup } from "../../app/user-pools/admin-add-user-to-group.js";
import { adminConfirmSignUp } from "../../app/user-pools/admin-confirm-sign-up.js";
import { adminCreateUser } from "../../app/user-pools/admin-create-user.js";
import { adminDeleteSoftwareToken } from "../../app/user-pools/admin-delete-software-token.js";
import { adminDeleteUser } from "../../app/user-pools/admin-delete-user.js";
import { adminDeleteUserAttributes } from "../../app/user-pools/admin-delete-user-attributes.js";
import { adminDisableUser } from "../../app/user-pools/admin-disable-user.js";
import { adminEnableUser } from "../../app/user-pools/admin-enable-user.js";
import { adminForgetDevice } from "../../app/user-pools/admin-forget-device.js";
import { adminGetDevice } from "../../app/user-pools/admin-get-device.js";
import { adminGetUser } from "../../app/user-pools/admin-get-user.js";
import { adminGetUserAuthFactors } from "../../app/user-pools/admin-get-user-auth-factors.js";
import { adminInitiateAuth } from "../../app/user-pools/admin-initiate-auth.js";
import { adminListDevices } from "../../app/user-pools/admin-list-devices.js";
import { adminListGroupsForUser } from "../../app/user-pools/admin-list-groups-for-user.js";
import { adminRemoveUserFromGroup } from "../../app/user-pools/admin-remove-user-from-group.js";
import { adminResetUserPassword } from "../../app/user-pools/admin-reset-user-password.js";
import { adminRespondToAuthChallenge } from "../../app/user-pools/admin-respond-to-auth-challenge.js";
import { adminSetUserMFAPreference } from "../../app/user-pools/admin-set-user-mfa-preference.js";
import { adminSetUserPassword } from "../../app/user-pools/admin-set-user-password.js";
import { adminSetUserSettings } from "../../app/user-pools/admin-set-user-settings.js";
import { adminUpdateDeviceStatus } from "../../app/user-pools/admin-update-device-status.js";
import { adminUpdateUserAttributes } from "../../app/user-pools/admin-update-user-attributes.js";
import { adminUserGlobalSignOut } from "../../app/user-pools/admin-user-global-sign-out.js";
import { associateSoftwareToken } from "../../app/user-pools/associate-software-token.js";
import { changePassword } from "../../app/user-pools/change-password.js";
import { completeWebAuthnRegistration } from "../../app/user-pools/complete-web-authn-registration.js";
import { confirmDevice } from "../../app/user-pools/confirm-device.js";
import { confirmForgotPassword } from "../../app/user-pools/confirm-forgot-password.js";
import { confirmSignUp } from "../../app/user-pools/confirm-sign-up.js";
import { createGroup } from "../../app/user-pools/create-group.js";
import { createResourceServer } from "../../app/user-pools/create-resource-server.js";
import { createUserImportJob } from "../../app/user-pools/create-user-import-job.js";
import { createUserPool } from "../../app/user-pools/create-user-pool.js";
import { createUserPoolClient } from "../../app/user-pools/create-user-pool-client.js";
import { createUserPoolDomain } from "../../app/user-pools/create-user-pool-domain.js";
import { deleteGroup } from "../../app/user-pools/delete-group.js";
import { deleteResourceServer } from "../../app/user-pools/delete-resource-server.js";
import { deleteUser } from "../../app/user-pools/delete-user.js";
import { deleteUserAttributes } from "../../app/user-pools/delete-user-attributes.js";
import { deleteUserPool } from "../../app/user-pools/delete-user-pool.js";
import { deleteUserPoolClient } from "../../app/user-pools/delete-user-pool-client.js";
import { deleteUserPoolClientSecret } from "../../app/user-pools/delete-user-pool-client-secret.js";
import { deleteUserPoolDomain } from "../../app/user-pools/delete-user-pool-domain.js";
import { deleteWebAuthnCredential } from "../../app/user-pools/delete-web-authn-credential.js";
import { describeResourceServer } from "../../app/user-pools/describe-resource-server.js";
import { describeUserImportJob } from "../../app/user-pools/describe-user-import-job.js";
import { describeUserPool } from "../../app/user-pools/describe-user-pool.js";
import { describeUserPoolClient } from "../../app/user-pools/describe-user-pool-client.js";
import { describeUserPoolDomain } from "../../app/user-pools/describe-user-pool-domain.js";
import { forgetDevice } from "../../app/user-pools/forget-device.js";
import { forgotPassword } from "../../app/user-pools/forgot-password.js";
import { getCsvHeader } from "../../app/user-pools/get-csv-header.js";
import { getDevice } from "../../app/user-pools/get-device.js";
import { getGroup } from "../../app/user-pools/get-group.js";
import { getTokensFromRefreshToken } from "../../app/user-pools/get-tokens-from-refresh-token.js";
import { getUICustomization } from "../../app/user-pools/get-ui-customization.js";
import { getUser } from "../../app/user-pools/get-user.js";
import { getUserAttributeVerificationCode } from "../../app/user-pools/get-user-attribute-verification-code.js";
import { getUserAuthFactors } from "../../app/user-pools/get-user-auth-factors.js";
import { getUserPoolMfaConfig } from "../../app/user-pools/get-user-pool-mfa-config.js";
import { globalSignOut } from "../../app/user-pools/global-sign-out.js";
import { initiateAuth } from "../../app/user-pools/initiate-auth.js";
import { listDevices } from "../../app/user-pools/list-devices.js";
import { listGroups } from "../../app/user-pools/list-groups.js";
import { listResourceServers } from "../../app/user-pools/list-resource-servers.js";
import { listTagsForResource } from "../../app/user-pools/list-tags-for-resource.js";
import { listUserImportJobs } from "../../app/user-pools/list-user-import-jobs.js";
import { listUserPoolClientSecrets } from "../../app/user-pools/list-user-pool-client-secrets.js";
import { listUserPoolClients } from "../../app/user-pools/list-user-pool-clients.js";
import { listUserPools } from "../../app/user-pools/list-user-pools.js";
import { listUsers } from "../../app/user-pools/list-users.js";
import { listUsersInGroup } from "../../app/user-pools/list-users-in-group.js";
import { listWebAuthnCredentials } from "../../app/user-pools/list-web-authn-credentials.js";
import { resendConfirmationCode } from "../../app/user-pools/resend-confirmation-code.js";
import { respondToAuthChallenge } from "../../app/user-pools/respond-to-auth-challenge.js";
import { revokeToken } from "../../app/user-pools/revoke-token.js";
import { setUICustomization } from "../../app/user-pools/set-ui-customization.js";
import { setUserMFAPreference } from "../../app/user-pools/set-user-mfa-preference.js";
import { setUserPoolMfaConfig } from "../../app/user-pools/set-user-pool-mfa-config.js";
import { setUserSettings } from "../../app/user-pools/set-user-settings.js";
import { signUp } from "../../app/user-pools/sign-up.js";
import { startUserImportJob } from "../../app/user-pools/start-user-import-job.js";
import { startWebAuthnRegistration } from "../../app/user-pools/start-web-authn-registration.js";
import { stopUserImportJob } from "../../app/user-pools/stop-user-import-job.js";
import { tagResource } from "../../app/user-pools/tag-resource.js";
import { untagResource } from "../../app/user-pools/untag-resource.js";
import { updateDeviceStatus } from "../../app/user-pools/update-device-status.js";
import { updateGroup } from "../../app/user-pools/update-group.js";
import { updateResourceServer } from "../../app/user-pools/update-resource-server.js";
import { updateUserAttributes } from "../../app/user-pools/update-user-attributes.js";
import { updateUserPool } from "../../app/user-pools/update-user-pool.js";
import { updateUserPoolClient } from "../../app/user-pools/update-user-pool-client.js";
import { updateUserPoolDomain } from "../../app/user-pools/update-user-pool-domain.js";
import { verifySoftwareToken } from "../../app/user-pools/verify-software-token.js";
import { verifyUserAttribute } from "../../app/user-pools/verify-user-attribute.js";
import { type ActionDefinition, missing, partial, supported } from "./action-table.js";
import type { CognitoIdpActionName } from "./cognito-idp-actions.js";

/**
 * Every cognito-idp action, one line each: the wire name, its use case in app/user-pools/, and its status.
 * docs/compatibility.md is generated from this table (npm run docs:compat).
 */
export const USER_POOL_ACTIONS: Record<CognitoIdpActionName, ActionDefinition> = {
  AddCustomAttributes: supported(addCustomAttributes),
  AddUserPoolClientSecret: supported(addUserPoolClientSecret),
  AdminAddUserToGroup: supported(adminAddUserToGroup),
  AdminConfirmSignUp: supported(adminConfirmSignUp),
  AdminCreateUser: supported(adminCreateUser),
  AdminDeleteSoftwareToken: supported(adminDeleteSoftwareToken),
  AdminDeleteUserAttributes: supported(adminDeleteUserAttributes),
  AdminDeleteUser: supported(adminDeleteUser),
  AdminDisableProviderForUser: missing(),
  AdminDisableUser: supported(adminDisableUser),
  AdminEnableUser: supported(adminEnableUser),
  AdminForgetDevice: supported(adminForgetDevice),
  AdminGetDevice: supported(adminGetDevice),
  AdminGetUserAuthFactors: supported(adminGetUserAuthFactors),
  AdminGetUser: supported(adminGetUser),
  AdminInitiateAuth: supported(adminInitiateAuth),
  AdminLinkProviderForUser: missing(),
  AdminListDevices: supported(adminListDevices),
  AdminListGroupsForUser: supported(adminListGroupsForUser),
  AdminListUserAuthEvents: missing(),
  AdminListUserSessions: missing(),
  AdminRemoveUserFromGroup: supported(adminRemoveUserFromGroup),
  AdminResetUserPassword: supported(adminResetUserPassword),
  AdminRespondToAuthChallenge: supported(adminRespondToAuthChallenge),
  AdminRevokeUserSession: missing(),
  AdminSetUserMFAPreference: supported(adminSetUserMFAPreference),
  AdminSetUserPassword: supported(adminSetUserPassword),
  AdminSetUserSettings: supported(adminSetUserSettings),
  AdminUpdateAuthEventFeedback: missing(),
  AdminUpdateDeviceStatus: supported(adminUpdateDeviceStatus),
  AdminUpdateUserAttributes: partial(adminUpdateUserAttributes, "RequireVerificationBeforeUpdate ignored"),
  AdminUserGlobalSignOut: supported(adminUserGlobalSignOut),
  AssociateSoftwareToken: supported(associateSoftwareToken),
  ChangePassword: supported(changePassword),
  CompleteWebAuthnRegistration: supported(completeWebAuthnRegistration),
  ConfirmDevice: supported(confirmDevice),
  ConfirmForgotPassword: supported(confirmForgotPassword),
  ConfirmSignUp: supported(confirmSignUp),
  CreateGroup: supported(createGroup),
  CreateIdentityProvider: missing(),
  CreateManagedLoginBranding: missing(),
  CreateResourceServer: supported(createResourceServer),
  CreateTerms: missing(),
  CreateUserImportJob: supported(createUserImportJob),
  CreateUserPoolClient: supported(createUserPoolClient),
  CreateUserPool: supported(createUserPool),
  CreateUserPoolDomain: supported(createUserPoolDomain),
  CreateUserPoolReplica: missing(),
  DeleteGroup: supported(deleteGroup),
  DeleteIdentityProvider: missing(),
  DeleteManagedLoginBranding: missing(),
  DeleteResourceServer: supported(deleteResourceServer),
  DeleteTerms: missing(),
  DeleteUserAttributes: supported(deleteUserAttributes),
  DeleteUser: supported(deleteUser),
  DeleteUserPoolClient: supported(deleteUserPoolClient),
  DeleteUserPoolClientSecret: supported(deleteUserPoolClientSecret),
  DeleteUserPool: supported(deleteUserPool),
  DeleteUserPoolDomain: supported(deleteUserPoolDomain),
  DeleteUserPoolReplica: missing(),
  DeleteWebAuthnCredential: supported(deleteWebAuthnCredential),
  DescribeIdentityProvider: missing(),
  DescribeManagedLoginBrandingByClient: missing(),
  DescribeManagedLoginBranding: missing(),
  DescribeResourceServer: supported(describeResourceServer),
  DescribeRiskConfiguration: missing(),
  DescribeTermsByClient: missing(),
  DescribeTerms: missing(),
  DescribeUserImportJob: supported(describeUserImportJob),
  DescribeUserPoolClient: supported(describeUserPoolClient),
  DescribeUserPool: supported(describeUserPool),
  DescribeUserPoolDomain: supported(describeUserPoolDomain),
  ForgetDevice: supported(forgetDevice),
  ForgotPassword: supported(forgotPassword),
  GetCSVHeader: supported(getCsvHeader),
  GetClientToken: missing(),
  GetDevice: supported(getDevice),
  GetGroup: supported(getGroup),
  GetIdentityProviderByIdentifier: missing(),
  GetLogDeliveryConfiguration: missing(),
  GetProvisionedLimit: missing(),
  GetSigningCertificate: missing(),
  GetTokensFromRefreshToken: supported(getTokensFromRefreshToken),
  GetUICustomization: supported(getUICustomization),
  GetUserAttributeVerificationCode: supported(getUserAttributeVerificationCode),
  GetUserAuthFactors: supported(getUserAuthFactors),
  GetUser: supported(getUser),
  GetUserPoolClientSessionConfiguration: missing(),
  GetUserPoolMfaConfig: supported(getUserPoolMfaConfig),
  GetUserPoolSessionConfiguration: missing(),
  GlobalSignOut: supported(globalSignOut),
  InitiateAuth: supported(initiateAuth),
  ListDevices: supported(listDevices),
  ListGroups: supported(listGroups),
  ListIdentityProviders: missing(),
  ListResourceServers: supported(listResourceServers),
  ListTagsForResource: supported(listTagsForResource),
  ListTerms: missing(),
  ListUserImportJobs: supported(listUserImportJobs),
  ListUserPoolClientSecrets: supported(listUserPoolClientSecrets),
  ListUserPoolClients: supported(listUserPoolClients),
  ListUserPoolReplicas: missing(),
  ListUserPools: supported(listUserPools),
  ListUserSessions: missing(),
  ListUsers: supported(listUsers),
  ListUsersInGroup: supported(listUsersInGroup),
  ListWebAuthnCredentials: supported(listWebAuthnCredentials),
  ResendConfirmationCode: supported(resendConfirmationCode),
  RespondToAuthChallenge: supported(respondToAuthChallenge),
  RevokeToken: supported(revokeToken),
  RevokeUserSession: missing(),
  SetLogDeliveryConfiguration: missing(),
  SetRiskConfiguration: missing(),
  SetUICustomization: supported(setUICustomization),
  SetUserMFAPreference: supported(setUserMFAPreference),
  SetUserPoolClientSessionConfiguration: missing(),
  SetUserPoolMfaConfig: supported(setUserPoolMfaConfig),
  SetUserPoolSessionConfiguration: missing(),
  SetUserSettings: supported(setUserSettings),
  SignUp: supported(signUp),
  StartUserImportJob: supported(startUserImportJob),
  StartWebAuthnRegistration: supported(startWebAuthnRegistration),
  StopUserImportJob: supported(stopUserImportJob),
  TagResource: supported(tagResource),
  UntagResource: supported(untagResource),
  UpdateAuthEventFeedback: missing(),
  UpdateDeviceStatus: supported(updateDeviceStatus),
  UpdateGroup: supported(updateGroup),
  UpdateIdentityProvider: missing(),
  UpdateManagedLoginBranding: missing(),
  UpdateProvisionedLimit: missing(),
  UpdateResourceServer: supported(updateResourceServer),
  UpdateTerms: missing(),
  UpdateUserAttributes: supported(updateUserAttributes),
  UpdateUserPoolClient: supported(updateUserPoolClient),
  UpdateUserPool: supported(updateUserPool),
  UpdateUserPoolDomain: supported(updateUserPoolDomain),
  UpdateUserPoolReplica: missing(),
  VerifySoftwareToken: supported(verifySoftwareToken),
  VerifyUserAttribute: supported(verifyUserAttribute),
};
