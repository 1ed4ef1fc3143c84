using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// SQL only: the EF Core model does not change (the table is read and written by hand-written SQL), so there is no
    /// Designer copy of the model; the model snapshot stays the Analytics migration's.
    /// </summary>
    [DbContext(typeof(PostgresVoiceFlowDbContext))]
    [Migration("20261203171500_AvailabilityVersions")]
    public class AvailabilityVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every change to what availability reads (a business's appointments and external busy times), whoever makes
            // it (a booking, the portal, calendar sync, another instance, a script), gives the business a new version:
            // a cached copy of its booked times is good exactly as long as the version it was read with is still the
            // business's (VoiceFlow.Web.Features.Booking.BookedTimesCache). Versions come from a sequence, drawn once the
            // row is locked, so a value is never seen twice. No row yet reads as version 0.
            migrationBuilder.Sql("""
                CREATE SEQUENCE "AvailabilityVersionSequence";
                CREATE TABLE "AvailabilityVersions" ("BusinessId" uuid PRIMARY KEY, "Version" bigint NOT NULL);
                CREATE FUNCTION vf_bump_availability_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        UPDATE "AvailabilityVersions" SET "Version" = nextval('"AvailabilityVersionSequence"');
                    ELSE
                        INSERT INTO "AvailabilityVersions" AS v ("BusinessId", "Version")
                        SELECT b, nextval('"AvailabilityVersionSequence"') FROM (SELECT DISTINCT "BusinessId" AS b FROM changed_rows ORDER BY 1) AS s
                        ON CONFLICT ("BusinessId") DO UPDATE SET "Version" = nextval('"AvailabilityVersionSequence"');
                    END IF;
                    RETURN NULL;
                END;
                $$;
                CREATE TRIGGER tr_appointments_version_insert AFTER INSERT ON "Appointments"
                    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_appointments_version_update AFTER UPDATE ON "Appointments"
                    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_appointments_version_delete AFTER DELETE ON "Appointments"
                    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_appointments_version_truncate AFTER TRUNCATE ON "Appointments"
                    FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_busy_times_version_insert AFTER INSERT ON "ExternalBusyTimes"
                    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_busy_times_version_update AFTER UPDATE ON "ExternalBusyTimes"
                    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_busy_times_version_delete AFTER DELETE ON "ExternalBusyTimes"
                    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                CREATE TRIGGER tr_busy_times_version_truncate AFTER TRUNCATE ON "ExternalBusyTimes"
                    FOR EACH STATEMENT EXECUTE FUNCTION vf_bump_availability_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tr_appointments_version_insert ON "Appointments";
                DROP TRIGGER IF EXISTS tr_appointments_version_update ON "Appointments";
                DROP TRIGGER IF EXISTS tr_appointments_version_delete ON "Appointments";
                DROP TRIGGER IF EXISTS tr_appointments_version_truncate ON "Appointments";
                DROP TRIGGER IF EXISTS tr_busy_times_version_insert ON "ExternalBusyTimes";
                DROP TRIGGER IF EXISTS tr_busy_times_version_update ON "ExternalBusyTimes";
                DROP TRIGGER IF EXISTS tr_busy_times_version_delete ON "ExternalBusyTimes";
                DROP TRIGGER IF EXISTS tr_busy_times_version_truncate ON "ExternalBusyTimes";
                DROP FUNCTION IF EXISTS vf_bump_availability_version();
                DROP TABLE IF EXISTS "AvailabilityVersions";
                DROP SEQUENCE IF EXISTS "AvailabilityVersionSequence";
                """);
        }
    }
}
