using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Analytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "TotalCallSeconds",
                table: "DailyMetrics",
                newName: "Figures_TotalCallSeconds");

            migrationBuilder.RenameColumn(
                name: "SmsSent",
                table: "DailyMetrics",
                newName: "Figures_SmsSent");

            migrationBuilder.RenameColumn(
                name: "NoShows",
                table: "DailyMetrics",
                newName: "Figures_NoShows");

            migrationBuilder.RenameColumn(
                name: "CallsTransferred",
                table: "DailyMetrics",
                newName: "Figures_CallsTransferred");

            migrationBuilder.RenameColumn(
                name: "CallsBooked",
                table: "DailyMetrics",
                newName: "Figures_CallsBooked");

            migrationBuilder.RenameColumn(
                name: "CallsAbandoned",
                table: "DailyMetrics",
                newName: "Figures_CallsAbandoned");

            migrationBuilder.RenameColumn(
                name: "Calls",
                table: "DailyMetrics",
                newName: "Figures_Calls");

            migrationBuilder.RenameColumn(
                name: "AppointmentsCancelled",
                table: "DailyMetrics",
                newName: "Figures_AppointmentsCancelled");

            migrationBuilder.RenameColumn(
                name: "BookedRevenue",
                table: "DailyMetrics",
                newName: "Figures_CompletedRevenue");

            migrationBuilder.RenameColumn(
                name: "AppointmentsBooked",
                table: "DailyMetrics",
                newName: "Figures_TimedCalls");

            migrationBuilder.AddColumn<DateTime>(
                name: "ComputedUtc",
                table: "DailyMetrics",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<int>(
                name: "Figures_Appointments",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_BilledMinutes",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_CallsCancelled",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_CallsFailed",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_CallsFrench",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_CallsInformation",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_CallsRescheduled",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_CallsVoicemail",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_Completed",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Figures_HourlyCalls",
                table: "DailyMetrics",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Figures_NewCustomerAppointments",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_ReturningCustomerAppointments",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Figures_ServiceCounts",
                table: "DailyMetrics",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Figures_SmsConfirmations",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_SmsReminders",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_SmsReplies",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_SmsReplySegments",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Figures_SmsSegments",
                table: "DailyMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Figures_StaffCounts",
                table: "DailyMetrics",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "AnalyticsSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VoicePerMinute = table.Column<decimal>(type: "TEXT", precision: 10, scale: 4, nullable: false),
                    SmsPerSegment = table.Column<decimal>(type: "TEXT", precision: 10, scale: 4, nullable: false),
                    StaffMinutesPerCall = table.Column<decimal>(type: "TEXT", precision: 8, scale: 2, nullable: false),
                    StaffHourlyWage = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalyticsSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalyticsSettings_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalyticsSettings_BusinessId",
                table: "AnalyticsSettings",
                column: "BusinessId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalyticsSettings");

            migrationBuilder.DropColumn(
                name: "ComputedUtc",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_Appointments",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_BilledMinutes",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_CallsCancelled",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_CallsFailed",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_CallsFrench",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_CallsInformation",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_CallsRescheduled",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_CallsVoicemail",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_Completed",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_HourlyCalls",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_NewCustomerAppointments",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_ReturningCustomerAppointments",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_ServiceCounts",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_SmsConfirmations",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_SmsReminders",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_SmsReplies",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_SmsReplySegments",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_SmsSegments",
                table: "DailyMetrics");

            migrationBuilder.DropColumn(
                name: "Figures_StaffCounts",
                table: "DailyMetrics");

            migrationBuilder.RenameColumn(
                name: "Figures_TotalCallSeconds",
                table: "DailyMetrics",
                newName: "TotalCallSeconds");

            migrationBuilder.RenameColumn(
                name: "Figures_SmsSent",
                table: "DailyMetrics",
                newName: "SmsSent");

            migrationBuilder.RenameColumn(
                name: "Figures_NoShows",
                table: "DailyMetrics",
                newName: "NoShows");

            migrationBuilder.RenameColumn(
                name: "Figures_CallsTransferred",
                table: "DailyMetrics",
                newName: "CallsTransferred");

            migrationBuilder.RenameColumn(
                name: "Figures_CallsBooked",
                table: "DailyMetrics",
                newName: "CallsBooked");

            migrationBuilder.RenameColumn(
                name: "Figures_CallsAbandoned",
                table: "DailyMetrics",
                newName: "CallsAbandoned");

            migrationBuilder.RenameColumn(
                name: "Figures_Calls",
                table: "DailyMetrics",
                newName: "Calls");

            migrationBuilder.RenameColumn(
                name: "Figures_AppointmentsCancelled",
                table: "DailyMetrics",
                newName: "AppointmentsCancelled");

            migrationBuilder.RenameColumn(
                name: "Figures_TimedCalls",
                table: "DailyMetrics",
                newName: "AppointmentsBooked");

            migrationBuilder.RenameColumn(
                name: "Figures_CompletedRevenue",
                table: "DailyMetrics",
                newName: "BookedRevenue");
        }
    }
}
