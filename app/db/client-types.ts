// The two generated clients (app/generated/prisma for SQLite, app/generated/prisma-postgresql for
// PostgreSQL, both from prisma/schema.prisma; scripts/postgres-schema.mjs derives the second) must
// give every model the same fields with the same types: the models are typed against the SQLite
// client and run on either (createPostgresDb casts). Checked by the type checker: a field that
// differs makes `npm run typecheck` fail on the line of its model.
import type * as Sqlite from "~/generated/prisma/models";
import type * as Postgres from "~/generated/prisma-postgresql/models";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

export type ModelsAgree = [
  Holds<Same<Sqlite.UserModel, Postgres.UserModel>>,
  Holds<Same<Sqlite.LoginTokenModel, Postgres.LoginTokenModel>>,
  Holds<Same<Sqlite.SessionModel, Postgres.SessionModel>>,
  Holds<Same<Sqlite.SignInAttemptModel, Postgres.SignInAttemptModel>>,
  Holds<Same<Sqlite.SignInCodeFailureModel, Postgres.SignInCodeFailureModel>>,
  Holds<Same<Sqlite.DocumentModel, Postgres.DocumentModel>>,
  Holds<Same<Sqlite.DocumentVersionModel, Postgres.DocumentVersionModel>>,
  Holds<Same<Sqlite.SectionModel, Postgres.SectionModel>>,
  Holds<Same<Sqlite.ConsultationModel, Postgres.ConsultationModel>>,
  Holds<Same<Sqlite.RecipientModel, Postgres.RecipientModel>>,
  Holds<Same<Sqlite.CommentModel, Postgres.CommentModel>>,
  Holds<Same<Sqlite.CommentRevisionModel, Postgres.CommentRevisionModel>>,
  Holds<Same<Sqlite.ExtensionRequestModel, Postgres.ExtensionRequestModel>>,
  Holds<Same<Sqlite.DispositionModel, Postgres.DispositionModel>>,
  Holds<Same<Sqlite.OutboxMessageModel, Postgres.OutboxMessageModel>>,
  Holds<Same<Sqlite.AuditEventModel, Postgres.AuditEventModel>>,
  Holds<Same<Sqlite.ContactModel, Postgres.ContactModel>>,
  Holds<Same<Sqlite.DraftImportModel, Postgres.DraftImportModel>>,
  Holds<Same<Sqlite.OfficeProfileModel, Postgres.OfficeProfileModel>>,
];
