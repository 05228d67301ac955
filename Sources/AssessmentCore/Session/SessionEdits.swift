import FoundationEssentials

/// Every change to a session other than an answer (`set(_:to:by:at:)`), in one place for the full
/// screen, plain mode and the command line. One rule for all: `updated`/`updatedBy` move only
/// when something actually changed.
extension Session {
    /// Records the questionnaire a change was made with. Every front end does this with each save of
    /// a change (not with position-only writes), so "the questionnaire changed since this session
    /// started" reads the same whichever front end wrote last.
    /// Re-pinning a session from an older version of the same questionnaire first carries its
    /// answers over by the questionnaire's `migrations` (see `migrate(from:to:by:at:)`).
    public mutating func pin(to q: Questionnaire, by user: String? = nil, at now: Date = Timestamp.now()) {
        if questionnaire.id == q.id, questionnaire.version != q.version {
            migrate(from: questionnaire.version, to: q, by: user ?? updatedBy, at: now)
        }
        questionnaire = QuestionnaireRef(q)
    }

    /// Records who changed the session, and when.
    public mutating func touch(by user: String, at now: Date) {
        updated = now
        updatedBy = user
    }

    /// Changes the title; returns whether it changed.
    @discardableResult
    public mutating func rename(to newTitle: String, by user: String, at now: Date) -> Bool {
        guard title != newTitle else { return false }
        title = newTitle
        touch(by: user, at: now)
        return true
    }

    /// Sets or (nil or blank) removes the discussion note of a measure; returns whether it changed.
    @discardableResult
    public mutating func setDiscussion(_ text: String?, measure: String, by user: String, at now: Date) -> Bool {
        let t = text.flatMap { $0.trimmingWhitespaceAndNewlines().isEmpty ? nil : $0 }
        guard discussion[measure] != t else { return false }
        discussion[measure] = t
        touch(by: user, at: now)
        return true
    }

    /// Sets the organisation and the model assessed (nil clears one); returns whether anything changed.
    @discardableResult
    public mutating func setDetails(organisation: String?, model: String?, modelVersion: String?, by user: String, at now: Date) -> Bool {
        guard self.organisation != organisation || self.model != model || self.modelVersion != modelVersion else { return false }
        self.organisation = organisation; self.model = model; self.modelVersion = modelVersion
        touch(by: user, at: now)
        return true
    }

    /// Appends actions.
    public mutating func addActions(_ new: [Action], by user: String, at now: Date) {
        guard !new.isEmpty else { return }
        actions += new
        touch(by: user, at: now)
    }

    /// Edits the action at `index`; the action's and the session's times move only if it changed.
    @discardableResult
    public mutating func updateAction(at index: Int, by user: String, at now: Date,
                                      _ edit: (inout Action) throws -> Void) rethrows -> Bool {
        var a = actions[index]
        try edit(&a)
        guard a != actions[index] else { return false }
        a.updated = now
        actions[index] = a
        touch(by: user, at: now)
        return true
    }

    /// Records (or, with nil, removes) the date of an event; returns whether it changed.
    @discardableResult
    public mutating func setEvent(_ name: String, to value: String?, by user: String, at now: Date) -> Bool {
        guard events[name] != value else { return false }
        events[name] = value
        touch(by: user, at: now)
        return true
    }

    /// Records (or, with nil, withdraws) the review of a node; returns whether it changed.
    @discardableResult
    public mutating func setReview(_ review: Review?, of node: String, by user: String, at now: Date) -> Bool {
        guard reviews[node] != review else { return false }
        reviews[node] = review
        touch(by: user, at: now)
        return true
    }
}
