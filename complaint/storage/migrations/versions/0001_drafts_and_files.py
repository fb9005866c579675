"""Drafts and their evidence files, as `create_all` made them before migrations."""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("resume_lookup", sa.String(64), nullable=False, unique=True),
        sa.Column("wrapped_key", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_drafts_updated_at", "drafts", ["updated_at"])
    op.create_table(
        "evidence_files",
        sa.Column("draft_id", sa.String(32), sa.ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("evidence_files")
    op.drop_index("ix_drafts_updated_at", "drafts")
    op.drop_table("drafts")
