/** PLACEHOLDER (being written): validates an action's input against the cognito-idp model's constraints. */
export function createCognitoIdpInputValidator(): (action: string, input: Record<string, unknown>) => void {
  return () => {};
}
