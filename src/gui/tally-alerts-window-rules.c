/* tally-alerts-window-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The Alerts window's Rules list: every rule alerts.json knows, each with
 * a switch that turns it off or on in the file's "disable" list
 * (tally_alert_rules_set_disabled()); Add Rule, and each rule's Edit,
 * Duplicate and Delete or Reset to Default, which open the rule editor or
 * write the file's "rules" (tally_alert_rules_put/remove()), with Undo.
 * Every change loads the rules again (tally_application_reload_alerts()). */

#include "config.h"

#include <glib/gi18n.h>

#include "tally-alert-rule-editor.h"
#include "tally-alert-rule-row.h"
#include "tally-alerts-window-private.h"
#include "tally-paths.h"

/* Puts a switch back once its "notify::active" is over: set from within
 * it, the notification would come after the guard is down. */
static gboolean
revert_switch_cb (gpointer data)
{
  g_autoptr(TallyAlertsWindow) self = data;
  g_autoptr(GtkSwitch) toggle = g_steal_pointer (&self->reverting);

  if (toggle == NULL)
    return G_SOURCE_REMOVE;
  self->syncing = TRUE;
  gtk_switch_set_active (toggle, !gtk_switch_get_active (toggle));
  self->syncing = FALSE;
  return G_SOURCE_REMOVE;
}

static void
rule_toggled_cb (TallyAlertsWindow *self,
                 GParamSpec        *pspec,
                 GtkSwitch         *toggle)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (toggle);

  if (self->syncing)
    return;

  g_clear_pointer (&self->rules_error, g_free);
  if (!tally_alert_rules_set_disabled (path, tally_alert_rule_row_get_id (GTK_WIDGET (toggle)), !active, &error))
    {
      self->rules_error = g_strdup (error->message);
      if (self->reverting == NULL)
        g_idle_add (revert_switch_cb, g_object_ref (self));
      g_set_object (&self->reverting, toggle);
      tally_alerts_window_update_banner (self);
      return;
    }
  /* Undo is for the last change, and this is one it does not know */
  tally_alerts_window_forget_undo (self);
  tally_application_reload_alerts (self->application);
}

/* Whether @rule is a default, a changed default or the user's own. */
static TallyAlertRuleOrigin
rule_origin (const TallyAlertRule *rule,
             GPtrArray            *defaults,
             const char * const   *own)
{
  if (own == NULL || !g_strv_contains (own, rule->id))
    return TALLY_ALERT_RULE_DEFAULT;
  return tally_alert_rules_find (defaults, rule->id) != NULL ? TALLY_ALERT_RULE_CHANGED_DEFAULT
                                                             : TALLY_ALERT_RULE_OWN;
}

/* What the Rules list shows but the switches: it is built again only
 * when this changes, so a switch keeps the focus across a reload. */
static char *
rules_key (GPtrArray          *rules,
           GPtrArray          *defaults,
           const char * const *own)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; rules != NULL && i < rules->len; i++)
    {
      const TallyAlertRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *condition = tally_alert_rule_describe (rule);

      g_string_append_printf (key, "%s\n%s\n%s\n%d\n", rule->id, rule->name, condition,
                              rule_origin (rule, defaults, own));
    }

  return g_string_free (key, FALSE);
}

static void
fill_rules (TallyAlertsWindow  *self,
            GPtrArray          *rules,
            const char * const *disabled,
            const char * const *own)
{
  g_autoptr(GPtrArray) defaults = tally_alert_rule_get_defaults ();
  g_autofree char *key = rules_key (rules, defaults, own);
  GtkListBoxRow *row;

  if (g_strcmp0 (key, self->rules_listed) != 0)
    {
      tally_alerts_window_clear_list (self->rules_list);
      for (guint i = 0; rules != NULL && i < rules->len; i++)
        {
          const TallyAlertRule *rule = g_ptr_array_index (rules, i);
          GtkWidget *rule_row = tally_alert_rule_row_new (rule, rule_origin (rule, defaults, own));

          g_signal_connect_object (tally_alert_rule_row_get_switch (rule_row), "notify::active",
                                   G_CALLBACK (rule_toggled_cb), self, G_CONNECT_SWAPPED);
          gtk_list_box_append (self->rules_list, rule_row);
        }
      g_free (self->rules_listed);
      self->rules_listed = g_steal_pointer (&key);
    }

  self->syncing = TRUE;
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->rules_list, i)) != NULL; i++)
    gtk_switch_set_active (tally_alert_rule_row_get_switch (GTK_WIDGET (row)),
                           !g_strv_contains (disabled, tally_alert_rule_row_get_id (GTK_WIDGET (row))));
  self->syncing = FALSE;
}

/* Every rule alerts.json knows, those it turns off with their switch off;
 * none while the file does not load (the banner says why). */
void
tally_alerts_window_update_rules (TallyAlertsWindow *self)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autofree char *footer = NULL;
  g_auto(GStrv) disabled = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_auto(GStrv) own = tally_alert_rules_get_own (path, &rules, &disabled, NULL);
  const char *empty[] = { NULL };

  fill_rules (self, rules, disabled != NULL ? (const char * const *) disabled : empty,
              (const char * const *) own);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.add-rule", rules != NULL);
  self->n_rules = rules != NULL ? rules->len : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->rules_list), self->n_rules > 0);

  if (rules == NULL)
    footer = g_strdup_printf (_("The rules are listed here once %s loads again."), path);
  else
    footer = g_strdup_printf (_("The rules are kept in %s, which can also be edited by hand: the changes "
                                "apply as soon as the file is saved (see “Alert rules” in the documentation)."),
                              path);
  gtk_label_set_label (self->rules_footer, footer);
  tally_alerts_window_update_page (self);
}


/* Once the file changed: the list at once, then the app's rules. */
static void
rules_changed (TallyAlertsWindow *self)
{
  g_clear_pointer (&self->rules_error, g_free);
  tally_alerts_window_update_rules (self);
  tally_alerts_window_update_banner (self);
  tally_application_reload_alerts (self->application);
}

static void
rules_failed (TallyAlertsWindow *self,
              const GError      *error)
{
  g_free (self->rules_error);
  self->rules_error = g_strdup (error->message);
  tally_alerts_window_update_banner (self);
}

/* Undo is offered only while its toast is shown: forgets what it would
 * put back, without touching the toast (which may be going already). */
void
tally_alerts_window_drop_undo (TallyAlertsWindow *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  if (toast != NULL)
    g_signal_handlers_disconnect_by_data (toast, self);
  g_clear_pointer (&self->undo_id, g_free);
  g_clear_pointer (&self->undo_rule, json_node_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.undo", FALSE);
}

static gboolean
dismiss_cb (gpointer data)
{
  TallyAlertsWindow *self = data;
  g_autoptr(GPtrArray) toasts = g_steal_pointer (&self->dismissing);

  self->dismiss_id = 0;
  for (guint i = 0; toasts != NULL && i < toasts->len; i++)
    adw_toast_dismiss (g_ptr_array_index (toasts, i));
  return G_SOURCE_REMOVE;
}

/* Forgets Undo and takes its toast away once the current signal is over:
 * libadwaita 1.2 loses track of a toast dismissed while the overlay is
 * busy with another (and crashes when the window closes). A window
 * closed first takes its toasts with it (tally_alerts_window_drop_undo()). */
void
tally_alerts_window_forget_undo (TallyAlertsWindow *self)
{
  AdwToast *toast = self->undo_toast != NULL ? g_object_ref (self->undo_toast) : NULL;

  tally_alerts_window_drop_undo (self);
  if (toast == NULL)
    return;
  if (self->dismissing == NULL)
    self->dismissing = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->dismissing, toast);
  if (self->dismiss_id == 0)
    self->dismiss_id = g_idle_add (dismiss_cb, self);
}

static void
undo_toast_dismissed_cb (AdwToast          *toast,
                         TallyAlertsWindow *self)
{
  if (toast == self->undo_toast)
    tally_alerts_window_drop_undo (self);
}

/* Says @title in a toast whose Undo puts @rule back at @position, or takes
 * the rule @id out again when @rule is NULL. */
static void
offer_undo (TallyAlertsWindow *self,
            const char        *title,
            const char        *id,
            JsonNode          *rule,
            int                position)
{
  AdwToast *toast = adw_toast_new (title);

  tally_alerts_window_forget_undo (self);
  self->undo_id = g_strdup (id);
  self->undo_rule = rule != NULL ? json_node_ref (rule) : NULL;
  self->undo_position = position;
  self->undo_toast = g_object_ref (toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "alerts.undo", TRUE);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "alerts.undo");
  /* normal priority: the toast before is going anyway, and a high one
   * dismissed makes libadwaita 1.2 crash when the window closes */
  g_signal_connect (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TallyAlertsWindow *self = TALLY_ALERTS_WINDOW (widget);
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->undo_id == NULL)
    return;
  if (self->undo_rule != NULL)
    ok = tally_alert_rules_put (path, self->undo_rule, self->undo_position, &error);
  else
    ok = tally_alert_rules_remove (path, self->undo_id, NULL, NULL, &error);

  /* a file that does not load now keeps what Undo would put back, to try
   * again once it is fixed */
  if (!ok)
    {
      rules_failed (self, error);
      return;
    }
  tally_alerts_window_forget_undo (self);
  rules_changed (self);
}

/* The rule @id as alerts.json has it now, or NULL with the error. */
static TallyAlertRule *
find_rule (const char  *path,
           const char  *id,
           GError     **error)
{
  g_auto(GStrv) disabled = NULL;
  g_autoptr(GPtrArray) rules = tally_alert_rules_list (path, &disabled, error);
  const TallyAlertRule *rule;

  if (rules == NULL)
    return NULL;
  rule = tally_alert_rules_find (rules, id);
  if (rule == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: there is no rule “%s”"), path, id);
  return rule != NULL ? tally_alert_rule_copy (rule) : NULL;
}

static void
editor_saved_cb (TallyAlertsWindow    *self,
                 TallyAlertRuleEditor *editor)
{
  JsonNode *before = tally_alert_rule_editor_get_previous (editor);
  gboolean added = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (editor), "tally-rule-added"));
  const char *id = tally_alert_rule_editor_get_saved_id (editor);
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autoptr(TallyAlertRule) rule = find_rule (path, id, NULL);
  g_autofree char *title = NULL;
  const char *name = rule != NULL ? rule->name : id;

  /* Translators: a toast; the rule's name */
  title = g_strdup_printf (added ? _("“%s” added") : _("“%s” saved"), name);
  offer_undo (self, title, id, before, -1);
  rules_changed (self);
}

/* Opens the rule editor on the rule @id (or on a new rule when NULL);
 * once saved, Undo puts back the file's entry from just before the save
 * (tally_alert_rule_editor_get_previous()). */
static void
open_editor (TallyAlertsWindow        *self,
             const char               *id,
             TallyAlertRuleEditorMode  mode)
{
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TallyAlertRule) rule = id != NULL ? find_rule (path, id, &error) : NULL;
  TallyAlertRuleEditor *editor;

  if (id != NULL && rule == NULL)
    {
      rules_failed (self, error);
      return;
    }

  editor = tally_alert_rule_editor_new (path, rule, mode);
  g_object_set_data (G_OBJECT (editor), "tally-rule-added", GINT_TO_POINTER (mode != TALLY_ALERT_RULE_EDITOR_EDIT));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_editor (TALLY_ALERTS_WINDOW (widget), NULL, TALLY_ALERT_RULE_EDITOR_ADD);
}

static void
edit_rule_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_editor (TALLY_ALERTS_WINDOW (widget), g_variant_get_string (parameter, NULL), TALLY_ALERT_RULE_EDITOR_EDIT);
}

static void
duplicate_rule_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_editor (TALLY_ALERTS_WINDOW (widget), g_variant_get_string (parameter, NULL),
               TALLY_ALERT_RULE_EDITOR_DUPLICATE);
}

/* Deletes the user's rule @id, or resets a changed default, with Undo. */
static void
remove_rule_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TallyAlertsWindow *self = TALLY_ALERTS_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *path = tally_paths_get_alerts_file ();
  g_autoptr(GPtrArray) defaults = tally_alert_rule_get_defaults ();
  g_autoptr(TallyAlertRule) rule = find_rule (path, id, NULL);
  g_autoptr(JsonNode) removed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int position;

  if (!tally_alert_rules_remove (path, id, &removed, &position, &error))
    {
      rules_failed (self, error);
      return;
    }

  title = g_strdup_printf (tally_alert_rules_find (defaults, id) != NULL
                             /* Translators: a toast; the rule's name */
                             ? _("“%s” reset to default")
                             /* Translators: a toast; the rule's name */
                             : _("“%s” deleted"),
                           rule != NULL ? rule->name : id);
  offer_undo (self, title, id, removed, position);
  rules_changed (self);
}

void
tally_alerts_window_class_add_rule_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "alerts.add-rule", NULL, add_rule_action);
  gtk_widget_class_install_action (widget_class, "alerts.edit-rule", "s", edit_rule_action);
  gtk_widget_class_install_action (widget_class, "alerts.duplicate-rule", "s", duplicate_rule_action);
  gtk_widget_class_install_action (widget_class, "alerts.remove-rule", "s", remove_rule_action);
  gtk_widget_class_install_action (widget_class, "alerts.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "alerts.add-rule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "alerts.undo", NULL);
}
