-- Slipstream live adapter: state and audit trail (io.slipstream.live.store.PostgresAuditStore).
-- Conventions: prices, sizes and money are double precision (IEEE 754 binary64, so a Java double round-trips
-- exactly, NaN included); event times are bigint epoch milliseconds (UTC) supplied by the application; every
-- table also keeps recorded_at, the database's own clock at insert. Sizes are base-asset units, money is USD.

-- One run of the rebalance loop. status: running, completed, failed, aborted.
CREATE TABLE rebalance (
    id               bigserial        PRIMARY KEY,
    mode             text             NOT NULL,
    config_name      text             NOT NULL,
    config_json      text             NOT NULL,
    decision_time_ms bigint           NOT NULL,
    capital_usd      double precision NOT NULL,
    stage            text             NOT NULL,
    status           text             NOT NULL,
    summary_json     text,
    started_at_ms    bigint           NOT NULL,
    finished_at_ms   bigint,
    recorded_at      timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX rebalance_mode_status_idx ON rebalance (mode, status, id);

-- Per-coin signal values at the decision (NaN = not computable).
CREATE TABLE signal (
    id           bigserial        PRIMARY KEY,
    rebalance_id bigint           NOT NULL REFERENCES rebalance (id),
    coin         text             NOT NULL,
    score        double precision NOT NULL,
    sigma        double precision NOT NULL,
    adv_usd      double precision NOT NULL,
    weight       double precision NOT NULL,
    recorded_at  timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX signal_rebalance_idx ON signal (rebalance_id);

-- Per-coin targets and deltas; id keeps insertion order.
CREATE TABLE target (
    id            bigserial        PRIMARY KEY,
    rebalance_id  bigint           NOT NULL REFERENCES rebalance (id),
    coin          text             NOT NULL,
    target_weight double precision NOT NULL,
    target_usd    double precision NOT NULL,
    target_size   double precision NOT NULL,
    current_size  double precision NOT NULL,
    delta_size    double precision NOT NULL,
    decision_px   double precision NOT NULL,
    note          text             NOT NULL,
    recorded_at   timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX target_rebalance_idx ON target (rebalance_id);

-- Every order, recorded before it is sent; status and oid follow its latest acknowledgement.
CREATE TABLE live_order (
    cloid        text             PRIMARY KEY,
    seq          bigserial        NOT NULL UNIQUE,
    rebalance_id bigint           REFERENCES rebalance (id),
    stage        text             NOT NULL,
    coin         text             NOT NULL,
    asset        integer          NOT NULL,
    is_buy       boolean          NOT NULL,
    px           double precision NOT NULL,
    sz           double precision NOT NULL,
    tif          text             NOT NULL,
    reduce_only  boolean          NOT NULL,
    status       text             NOT NULL,
    oid          bigint,
    detail       text             NOT NULL,
    created_at_ms bigint          NOT NULL,
    updated_at_ms bigint          NOT NULL,
    recorded_at  timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX live_order_rebalance_idx ON live_order (rebalance_id);
CREATE INDEX live_order_oid_idx ON live_order (oid);

-- Append-only history of every acknowledgement.
CREATE TABLE order_ack (
    id          bigserial   PRIMARY KEY,
    cloid       text        NOT NULL REFERENCES live_order (cloid),
    status      text        NOT NULL,
    oid         bigint,
    detail      text        NOT NULL,
    time_ms     bigint      NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_ack_cloid_idx ON order_ack (cloid);

-- Fills, once each (tid is the exchange's trade id). cloid is not a foreign key: a fill of an order placed
-- outside the runner carries no cloid we know.
CREATE TABLE fill (
    tid          bigint           PRIMARY KEY,
    cloid        text,
    oid          bigint           NOT NULL,
    rebalance_id bigint           REFERENCES rebalance (id),
    coin         text             NOT NULL,
    is_buy       boolean          NOT NULL,
    px           double precision NOT NULL,
    sz           double precision NOT NULL,
    fee          double precision NOT NULL,
    crossed      boolean          NOT NULL,
    time_ms      bigint           NOT NULL,
    recorded_at  timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX fill_rebalance_idx ON fill (rebalance_id, time_ms);
CREATE INDEX fill_cloid_idx ON fill (cloid);

-- Position snapshots: one header row per snapshot (source: exchange, paper, target) and one row per coin.
CREATE TABLE position_snapshot (
    id           bigserial   PRIMARY KEY,
    rebalance_id bigint      REFERENCES rebalance (id),
    source       text        NOT NULL,
    time_ms      bigint      NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX position_snapshot_rebalance_idx ON position_snapshot (rebalance_id);

CREATE TABLE position_snapshot_item (
    snapshot_id bigint           NOT NULL REFERENCES position_snapshot (id),
    coin        text             NOT NULL,
    size        double precision NOT NULL,
    PRIMARY KEY (snapshot_id, coin)
);

CREATE TABLE equity_mark (
    id                bigserial        PRIMARY KEY,
    mode              text             NOT NULL,
    time_ms           bigint           NOT NULL,
    account_value_usd double precision NOT NULL,
    recorded_at       timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX equity_mark_mode_time_idx ON equity_mark (mode, time_ms);

-- Risk checks, alerts, emergency-stop actions, reconciliations. level: info, warn, error.
CREATE TABLE event (
    id           bigserial   PRIMARY KEY,
    rebalance_id bigint      REFERENCES rebalance (id),
    kind         text        NOT NULL,
    level        text        NOT NULL,
    message      text        NOT NULL,
    time_ms      bigint      NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_rebalance_idx ON event (rebalance_id);

CREATE TABLE error_log (
    id           bigserial   PRIMARY KEY,
    rebalance_id bigint      REFERENCES rebalance (id),
    location     text        NOT NULL,
    message      text        NOT NULL,
    time_ms      bigint      NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX error_log_rebalance_idx ON error_log (rebalance_id);

-- The paper account: a single row (id = 1) holding cash, plus one row per coin held.
CREATE TABLE paper_account (
    id          smallint         PRIMARY KEY CHECK (id = 1),
    cash_usd    double precision NOT NULL,
    recorded_at timestamptz      NOT NULL DEFAULT now(),
    updated_at  timestamptz      NOT NULL DEFAULT now()
);

CREATE TABLE paper_position (
    coin       text             PRIMARY KEY,
    size       double precision NOT NULL,
    updated_at timestamptz      NOT NULL DEFAULT now()
);
