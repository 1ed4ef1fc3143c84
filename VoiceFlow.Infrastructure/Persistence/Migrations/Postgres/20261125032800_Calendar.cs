using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Calendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChannelResourceId",
                table: "CalendarMappings",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarMappings_ChannelId",
                table: "CalendarMappings",
                column: "ChannelId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CalendarMappings_ChannelId",
                table: "CalendarMappings");

            migrationBuilder.DropColumn(
                name: "ChannelResourceId",
                table: "CalendarMappings");
        }
    }
}
