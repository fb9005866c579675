"""Wrong resume codes counted in the database, so every worker and server sees the same counts."""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resume_attempts",
        sa.Column("client", sa.String(64), primary_key=True),
        sa.Column("attempts", sa.Text, nullable=False),
        sa.Column("expires", sa.Float, nullable=False),
    )
    op.create_index("ix_resume_attempts_expires", "resume_attempts", ["expires"])


def downgrade() -> None:
    op.drop_table("resume_attempts")
