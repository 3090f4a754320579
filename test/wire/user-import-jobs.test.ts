import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  CreateUserImportJobCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  GetCSVHeaderCommand,
  ListUserImportJobsCommand,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type UserImportJobType,
} from "@aws-sdk/client-cognito-identity-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCli } from "../support/cli.js";
import { startTestServer, type TestServer, testBackends } from "../support/server.js";

// Cognito's CSV import: GetCSVHeader, CreateUserImportJob (a PreSignedUrl to PUT the file to),
// StartUserImportJob (runs in the background), DescribeUserImportJob (progress), Stop and List; each row's
// outcome goes to the job log (`cognate import-log`), by line number, as Cognito's CloudWatch log does.

const backends = await testBackends();
const ROWS = 10_000;
const ROLE = "arn:aws:iam::000000000000:role/CognitoImport";

/** ROWS rows: every 100th has no verified email (FAILED), every 250th names an existing user (SKIPPED). */
function csv(header: string[]): { text: string; failed: number; skipped: number } {
  const lines = [header.join(",")];
  let failed = 0;
  let skipped = 0;
  for (let row = 1; row <= ROWS; row++) {
    const values: Record<string, string> = {
      "cognito:username": row % 250 === 0 ? "existing" : `user${row}`,
      "cognito:mfa_enabled": "false",
      email: `user${row}@example.com`,
      email_verified: row % 100 === 0 && row % 250 !== 0 ? "false" : "true",
      name: row === 7 ? '"Doe, Jane ""JD"""' : `User ${row}`,
    };
    if (row % 250 === 0) skipped++;
    else if (row % 100 === 0) failed++;
    lines.push(header.map((column) => values[column] ?? "").join(","));
  }
  return { text: `${lines.join("\r\n")}\r\n`, failed, skipped };
}

describe.each(backends)("user import jobs on %s", (backend) => {
  let server: TestServer;
  let admin: CognitoIdentityProviderClient;
  let userPoolId: string;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = server.adminClient();
    const pool = await admin.send(
      new CreateUserPoolCommand({
        PoolName: "imports",
        AutoVerifiedAttributes: ["email"],
        Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
      }),
    );
    userPoolId = pool.UserPool?.Id ?? "";
    await admin.send(
      new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: "existing", MessageAction: "SUPPRESS" }),
    );
  });
  afterAll(async () => {
    await server.stop();
  });

  it("GetCSVHeader lists the schema's attributes, custom ones included, then the cognito: columns", async () => {
    const header = await admin.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }));
    expect(header.CSVHeader?.slice(0, 3)).toEqual(["name", "given_name", "family_name"]);
    expect(header.CSVHeader?.slice(-3)).toEqual(["custom:tier", "cognito:mfa_enabled", "cognito:username"]);
    expect(header.CSVHeader).not.toContain("sub");
  });

  it(`imports ${ROWS.toLocaleString("en-US")} users in the background, with progress and a per-row log`, {
    timeout: 120_000,
  }, async () => {
    const header = (await admin.send(new GetCSVHeaderCommand({ UserPoolId: userPoolId }))).CSVHeader ?? [];
    const file = csv(header);
    const created = await admin.send(
      new CreateUserImportJobCommand({
        UserPoolId: userPoolId,
        JobName: "ten-thousand",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    const job = created.UserImportJob;
    expect(job).toMatchObject({ Status: "Created", ImportedUsers: 0, CloudWatchLogsRoleArn: ROLE });
    expect(job?.JobId).toMatch(/^import-[0-9A-Za-z]{10}$/);

    const forged = await fetch(`${job?.PreSignedUrl?.replace(/Signature=.*/, "Signature=forged")}`, {
      method: "PUT",
      body: "x",
    });
    expect(forged.status).toBe(403);
    const upload = await fetch(job?.PreSignedUrl ?? "", {
      method: "PUT",
      headers: { "x-amz-server-side-encryption": "aws:kms" },
      body: file.text,
    });
    expect(upload.status).toBe(200);

    const started = await admin.send(
      new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }),
    );
    expect(started.UserImportJob?.Status).toBe("Pending");
    expect(started.UserImportJob?.StartDate).toBeInstanceOf(Date);
    await expect(
      admin.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId })),
    ).rejects.toThrow(/only a Created job can start/);

    const seen: Array<{ status: string; imported: number }> = [];
    let final: UserImportJobType | undefined;
    for (;;) {
      final = (
        await admin.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }))
      ).UserImportJob;
      seen.push({ status: final?.Status ?? "", imported: final?.ImportedUsers ?? 0 });
      if (final?.Status !== "Pending" && final?.Status !== "InProgress") break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Progress: the counters moved while the job ran.
    const expected = ROWS - file.failed - file.skipped;
    const moving = seen.filter((s) => s.status === "InProgress" && s.imported > 0 && s.imported < expected);
    expect(moving.length, JSON.stringify(seen.slice(0, 20))).toBeGreaterThan(0);
    expect(final).toMatchObject({
      Status: "Succeeded",
      ImportedUsers: ROWS - file.failed - file.skipped,
      FailedUsers: file.failed,
      SkippedUsers: file.skipped,
      CompletionMessage: "Import Job Completed Successfully.",
    });
    expect(final?.CompletionDate).toBeInstanceOf(Date);

    const imported = await admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "user7" }));
    expect(imported.UserStatus).toBe("RESET_REQUIRED");
    expect(imported.UserAttributes?.find((a) => a.Name === "name")?.Value).toBe('Doe, Jane "JD"');

    // The job log, by line number (the header is line 1).
    const log = await runCli(
      ["import-log", job?.JobId ?? "", "--pool", userPoolId, "--failed"],
      cliEnv(server),
    );
    expect(log.code, log.stderr).toBe(0);
    const lines = log.stdout.trim().split("\n");
    expect(lines).toContain(
      "[FAILED] Line Number 101 - The User Record does not set any of the auto verified attributes to true. (Example: email_verified to true).",
    );
    expect(lines).toContain("[SKIPPED] Line Number 251 - The user already exists.");
    expect(lines.filter((line) => line.startsWith("["))).toHaveLength(file.failed + file.skipped);

    const listed = await admin.send(
      new ListUserImportJobsCommand({ UserPoolId: userPoolId, MaxResults: 10 }),
    );
    expect(listed.UserImportJobs?.map((listedJob) => listedJob.JobId)).toEqual([job?.JobId]);
    await expect(
      admin.send(new StopUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId })),
    ).rejects.toThrow(/only a running job can stop/);
  });

  it("a CSV with a column the pool does not know fails the job, with the reason", async () => {
    const created = await admin.send(
      new CreateUserImportJobCommand({
        UserPoolId: userPoolId,
        JobName: "bad-header",
        CloudWatchLogsRoleArn: ROLE,
      }),
    );
    const job = created.UserImportJob;
    await fetch(job?.PreSignedUrl ?? "", {
      method: "PUT",
      body: "cognito:username,cognito:mfa_enabled,shoe_size\nann,false,42\n",
    });
    await admin.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }));
    let status = "Pending";
    let message: string | undefined;
    while (status === "Pending" || status === "InProgress") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const described = await admin.send(
        new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }),
      );
      status = described.UserImportJob?.Status ?? "";
      message = described.UserImportJob?.CompletionMessage;
    }
    expect(status).toBe("Failed");
    expect(message).toBe("The CSV header has columns the user pool does not know: shoe_size");
  });

  it("cognito:mfa_enabled true turns SMS MFA on; without a phone_number the row fails", async () => {
    const created = await admin.send(
      new CreateUserImportJobCommand({ UserPoolId: userPoolId, JobName: "mfa", CloudWatchLogsRoleArn: ROLE }),
    );
    const job = created.UserImportJob;
    await fetch(job?.PreSignedUrl ?? "", {
      method: "PUT",
      body: [
        "cognito:username,cognito:mfa_enabled,email,email_verified,phone_number",
        "mfa-on,true,mfa-on@example.com,true,+12065550142",
        "mfa-nophone,true,mfa-nophone@example.com,true,",
        "mfa-off,false,mfa-off@example.com,true,+12065550143",
        "",
      ].join("\n"),
    });
    await admin.send(new StartUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }));
    let described = await admin.send(
      new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }),
    );
    while (["Pending", "InProgress"].includes(described.UserImportJob?.Status ?? "")) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      described = await admin.send(
        new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: job?.JobId }),
      );
    }
    expect(described.UserImportJob).toMatchObject({ Status: "Succeeded", ImportedUsers: 2, FailedUsers: 1 });
    const on = await admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "mfa-on" }));
    expect(on.UserMFASettingList).toEqual(["SMS_MFA"]);
    expect(on.PreferredMfaSetting).toBe("SMS_MFA");
    const off = await admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "mfa-off" }));
    expect(off.UserMFASettingList ?? []).toEqual([]);
    await expect(
      admin.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: "mfa-nophone" })),
    ).rejects.toMatchObject({ name: "UserNotFoundException" });
  });

  it("an unknown job is ResourceNotFoundException", async () => {
    await expect(
      admin.send(new DescribeUserImportJobCommand({ UserPoolId: userPoolId, JobId: "import-doesnotexist" })),
    ).rejects.toThrow("Import job import-doesnotexist does not exist.");
  });
});
