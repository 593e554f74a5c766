//! The portable schema shared by SQLite and PostgreSQL (BigInt, Integer, Text, Binary, Bool only).

diesel::table! {
    schools (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        reading_hours -> Text,
        ack_within_hours -> Integer,
        created_at -> BigInt,
        recovery_public_key -> Nullable<Binary>,
        retain_anonymous_days -> Integer,
        retain_named_days -> Integer,
        retain_staff_days -> Integer,
        reading_schedule -> Text,
        on_call_chain_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        public_key -> Binary,
        private_key_sealed -> Binary,
        private_key_salt -> Binary,
        must_change_password -> Bool,
        is_admin -> Bool,
        disabled -> Bool,
        created_at -> BigInt,
        notify_digest -> Bool,
        last_digest_at -> BigInt,
        totp_sealed -> Nullable<Binary>,
        totp_pending_sealed -> Nullable<Binary>,
        totp_last_step -> BigInt,
        enrol_by -> BigInt,
        factor_failures -> Integer,
        factor_failures_since -> BigInt,
    }
}

diesel::table! {
    school_roles (school_id, user_id, role) {
        school_id -> BigInt,
        user_id -> BigInt,
        role -> Text,
        created_at -> BigInt,
        keys_complete -> Bool,
    }
}

diesel::table! {
    reports (id) {
        id -> Text,
        school_id -> BigInt,
        category -> Text,
        location -> Text,
        happening_now -> Bool,
        about -> Text,
        status -> Text,
        risk -> Nullable<Text>,
        owner_id -> Nullable<BigInt>,
        outcome -> Nullable<Text>,
        unrouted -> Bool,
        created_at -> BigInt,
        acknowledged_at -> Nullable<BigInt>,
        closed_at -> Nullable<BigInt>,
        updated_at -> BigInt,
        receipt_lookup -> Binary,
        pupil_key -> Binary,
        recovery_keys -> Binary,
        details -> Binary,
        reminded_periods -> Integer,
        named -> Bool,
        retention_period -> Nullable<Text>,
        expires_at -> Nullable<BigInt>,
        legal_hold -> Bool,
        expiry_warned -> Bool,
        referral -> Nullable<Text>,
        new_message_at -> Nullable<BigInt>,
        out_of_hours -> Bool,
        source -> Text,
        talk_requested_at -> Nullable<BigInt>,
        incident_id -> Nullable<Text>,
    }
}

diesel::table! {
    purged_reports (report_id) {
        report_id -> Text,
        school_id -> BigInt,
        purged_at -> BigInt,
    }
}

diesel::table! {
    retained_facts (id) {
        id -> BigInt,
        school_id -> BigInt,
        created_day -> BigInt,
        category -> Text,
        location -> Text,
        about -> Text,
        happening_now -> Bool,
        acknowledged_after -> Nullable<BigInt>,
        closed_after -> Nullable<BigInt>,
        outcome -> Nullable<Text>,
        referral -> Nullable<Text>,
        out_of_hours -> Bool,
        linked_on -> Bool,
    }
}

diesel::table! {
    report_keys (report_id, user_id) {
        report_id -> Text,
        user_id -> BigInt,
        wrapped -> Binary,
        created_at -> BigInt,
        is_open -> Bool,
        urgent_rank -> Integer,
        risk_rank -> Integer,
        report_created_at -> BigInt,
    }
}

diesel::table! {
    sessions (id_hash) {
        id_hash -> Binary,
        user_id -> BigInt,
        wrapped_private_key -> Binary,
        created_at -> BigInt,
        last_seen_at -> BigInt,
        second_factor_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    recovery_codes (user_id, code_hash) {
        user_id -> BigInt,
        code_hash -> Binary,
        created_at -> BigInt,
        used_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> BigInt,
        actor_user_id -> Nullable<BigInt>,
        actor -> Text,
        report_id -> Nullable<Text>,
        action -> Text,
        detail -> Text,
        prev_hash -> Binary,
        hash -> Binary,
    }
}

diesel::table! {
    messages (id) {
        id -> Text,
        report_id -> Text,
        author -> Text,
        author_user_id -> Nullable<BigInt>,
        visible_to_pupil -> Bool,
        body -> Binary,
        created_at -> BigInt,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        recipient_email -> Text,
        recipient_user_id -> Nullable<BigInt>,
        school_id -> Nullable<BigInt>,
        urgent -> Bool,
        created_at -> BigInt,
        next_attempt_at -> BigInt,
        claimed_until -> BigInt,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<BigInt>,
        recipient_phone -> Nullable<Text>,
    }
}

diesel::table! {
    report_events (id) {
        id -> BigInt,
        report_id -> Text,
        kind -> Text,
        from_value -> Nullable<Text>,
        to_value -> Nullable<Text>,
        at -> BigInt,
        actor_role -> Nullable<Text>,
    }
}

diesel::table! {
    attachments (id) {
        id -> Text,
        report_id -> Text,
        message_id -> Nullable<Text>,
        position -> Integer,
        media_type -> Text,
        width -> Integer,
        height -> Integer,
        size -> BigInt,
        created_at -> BigInt,
    }
}

diesel::table! {
    attachment_blobs (attachment_id, kind) {
        attachment_id -> Text,
        kind -> Text,
        data -> Binary,
    }
}

diesel::table! {
    insight_weeks (school_id, week) {
        school_id -> BigInt,
        week -> BigInt,
        counts -> Text,
    }
}

diesel::table! {
    insight_version (id) {
        id -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    insight_changes (id) {
        id -> BigInt,
        school_id -> BigInt,
        week -> BigInt,
        category -> Text,
        location -> Text,
        measure -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    on_call_chains (id) {
        id -> BigInt,
        name -> Text,
        step_minutes -> Integer,
        created_at -> BigInt,
    }
}

diesel::table! {
    on_call_contacts (id) {
        id -> BigInt,
        chain_id -> BigInt,
        position -> Integer,
        user_id -> BigInt,
        phone -> Nullable<Text>,
        shift -> Text,
    }
}

diesel::table! {
    on_call_alerts (report_id) {
        report_id -> Text,
        chain_id -> BigInt,
        next_position -> Integer,
        next_at -> BigInt,
        started_at -> BigInt,
        ended_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    sent_forms (token_hash) {
        token_hash -> Binary,
        receipt_sealed -> Nullable<Binary>,
        created_at -> BigInt,
    }
}

diesel::table! {
    held_pictures (token_hash, position) {
        token_hash -> Binary,
        position -> Integer,
        sealed -> Binary,
        created_at -> BigInt,
    }
}

diesel::joinable!(school_roles -> schools (school_id));
diesel::joinable!(attachments -> reports (report_id));
diesel::joinable!(attachment_blobs -> attachments (attachment_id));
diesel::joinable!(report_events -> reports (report_id));
diesel::joinable!(retained_facts -> schools (school_id));
diesel::joinable!(school_roles -> users (user_id));
diesel::joinable!(reports -> schools (school_id));
diesel::joinable!(report_keys -> reports (report_id));
diesel::joinable!(report_keys -> users (user_id));
diesel::joinable!(messages -> reports (report_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(recovery_codes -> users (user_id));
diesel::joinable!(outbox -> schools (school_id));
diesel::joinable!(on_call_contacts -> on_call_chains (chain_id));
diesel::joinable!(on_call_contacts -> users (user_id));
diesel::joinable!(on_call_alerts -> reports (report_id));

diesel::table! {
    upkeep (kind) {
        kind -> Text,
        claimed_until -> BigInt,
        finished_at -> Nullable<BigInt>,
    }
}

diesel::table! {
    reply_templates (school_id, slot) {
        school_id -> BigInt,
        slot -> Text,
        body -> Text,
        updated_at -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    insight_weeks,
    insight_changes,
    schools,
    users,
    school_roles,
    reports,
    report_keys,
    messages,
    sessions,
    audit_log,
    outbox,
    report_events,
    recovery_codes,
    purged_reports,
    retained_facts,
    attachments,
    attachment_blobs,
    sent_forms,
    held_pictures,
    on_call_chains,
    on_call_contacts,
    on_call_alerts,
    upkeep,
    reply_templates
);
