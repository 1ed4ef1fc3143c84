using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Audit rows are append-only: no DELETE, and the only UPDATE allowed is erasure replacing the before/after
            // snapshots with the erased marker (VoiceFlowDbContext.ErasedSnapshot), everything else unchanged.
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_audit_no_delete BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries are append-only (DELETE rejected)'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER tr_audit_no_update BEFORE UPDATE ON "AuditEntries"
                WHEN NOT (NEW."Id" IS OLD."Id" AND NEW."BusinessId" IS OLD."BusinessId" AND NEW."Actor" IS OLD."Actor"
                    AND NEW."Action" IS OLD."Action" AND NEW."EntityType" IS OLD."EntityType" AND NEW."EntityId" IS OLD."EntityId"
                    AND NEW."AtUtc" IS OLD."AtUtc"
                    AND (NEW."Before" IS OLD."Before" OR NEW."Before" = '{"erased":true}')
                    AND (NEW."After" IS OLD."After" OR NEW."After" = '{"erased":true}'))
                BEGIN SELECT RAISE(ABORT, 'AuditEntries are append-only (UPDATE rejected)'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS tr_audit_no_delete;""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS tr_audit_no_update;""");
        }
    }
}
