using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Audit rows are append-only: no DELETE, no TRUNCATE, and the only UPDATE allowed is erasure replacing the
            // before/after snapshots with the erased marker (VoiceFlowDbContext.ErasedSnapshot), everything else unchanged.
            migrationBuilder.Sql("""
                CREATE FUNCTION vf_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE'
                       AND NEW."Id" = OLD."Id" AND NEW."BusinessId" = OLD."BusinessId" AND NEW."Actor" = OLD."Actor"
                       AND NEW."Action" = OLD."Action" AND NEW."EntityType" = OLD."EntityType"
                       AND NEW."EntityId" IS NOT DISTINCT FROM OLD."EntityId" AND NEW."AtUtc" = OLD."AtUtc"
                       AND (NEW."Before" IS NOT DISTINCT FROM OLD."Before" OR NEW."Before" = '{"erased":true}')
                       AND (NEW."After" IS NOT DISTINCT FROM OLD."After" OR NEW."After" = '{"erased":true}') THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'AuditEntries are append-only (% rejected)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER tr_audit_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
                    FOR EACH ROW EXECUTE FUNCTION vf_audit_append_only();
                CREATE TRIGGER tr_audit_no_truncate BEFORE TRUNCATE ON "AuditEntries"
                    FOR EACH STATEMENT EXECUTE FUNCTION vf_audit_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tr_audit_no_truncate ON "AuditEntries";
                DROP TRIGGER IF EXISTS tr_audit_append_only ON "AuditEntries";
                DROP FUNCTION IF EXISTS vf_audit_append_only();
                """);
        }
    }
}
