using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace VoiceFlow.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboundMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InboundMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BusinessId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageSid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    From = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    To = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Body = table.Column<string>(type: "character varying(1600)", maxLength: 1600, nullable: false),
                    ReceivedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Intent = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NeedsAttention = table.Column<bool>(type: "boolean", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboundMessages_Businesses_BusinessId",
                        column: x => x.BusinessId,
                        principalTable: "Businesses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_BusinessId_ReceivedUtc",
                table: "InboundMessages",
                columns: new[] { "BusinessId", "ReceivedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundMessages_MessageSid",
                table: "InboundMessages",
                column: "MessageSid",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundMessages");
        }
    }
}
