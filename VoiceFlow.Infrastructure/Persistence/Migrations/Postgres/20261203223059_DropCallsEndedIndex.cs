using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The (BusinessId, EndedUtc) index goes: the end of every call sets "EndedUtc", and without an index on it that
    /// UPDATE can be a HOT update on PostgreSQL. Live calls are looked up by their start instead.
    /// </summary>
    public partial class DropCallsEndedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Calls_BusinessId_EndedUtc",
                table: "Calls");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Calls_BusinessId_EndedUtc",
                table: "Calls",
                columns: new[] { "BusinessId", "EndedUtc" });
        }
    }
}
