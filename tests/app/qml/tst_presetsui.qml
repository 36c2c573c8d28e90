import QtQuick
import QtQuick.Controls
import QtTest
import "finder.js" as Finder
import Muxi.Workbench
import Muxi.Workbench.Chat
import Muxi.Workbench.Settings

// Presets from the Settings page, a conversation's settings panel, and
// starting a chat from a preset, on the workbench's real controller.
Item {
    width: 1000
    height: 800

    SettingsPage {
        id: page
        anchors.fill: parent
        workbench: Workbench
        visible: false
    }

    ChatView {
        id: chat
        anchors.fill: parent
        workbench: Workbench
    }

    TestCase {
        name: "PresetsUi"
        when: windowShown

        // A button pressed from the keyboard.
        function press(button) {
            verify(button)
            verify(button.enabled)
            button.forceActiveFocus()
            keyClick(Qt.Key_Space)
        }

        // The preset in row `row` of the store (257: PresetStore::IdRole).
        function presetAt(row) {
            return Workbench.presets.get(Workbench.presets.data(Workbench.presets.index(row, 0), 257))
        }

        function test_addDuplicateDeleteOnTheSettingsPage() {
            chat.visible = false
            page.visible = true
            page.currentTab = 6
            verify(Finder.findNamed(page, "presetsTab"))
            var before = Workbench.presets.count
            mouseClick(Finder.findNamed(page, "newPresetButton"))
            var name = Finder.findNamed(page, "presetName")
            name.forceActiveFocus()
            keyClick(Qt.Key_T)
            keyClick(Qt.Key_Y)
            var prompt = Finder.findNamed(page, "parametersSystemPrompt")
            prompt.forceActiveFocus()
            keyClick(Qt.Key_B)
            keyClick(Qt.Key_E)
            var json = Finder.findNamed(page, "parametersJsonMode")
            json.forceActiveFocus()
            keyClick(Qt.Key_Space)
            verify(json.checked)
            press(Finder.findNamed(page, "savePresetButton"))
            compare(Workbench.presets.count, before + 1)
            var added = presetAt(before)
            compare(added.name, "ty")
            compare(added.systemPrompt, "be")
            compare(added.jsonMode, true)
            press(Finder.findNamed(page, "duplicatePresetButton"))
            compare(Workbench.presets.count, before + 2)
            press(Finder.findNamed(page, "deletePresetButton"))
            compare(Workbench.presets.count, before + 1)
        }

        function test_conversationSettingsAndSaveAsPreset() {
            page.visible = false
            chat.visible = true
            Workbench.chat.newConversation()
            var button = Finder.findNamed(chat, "conversationSettingsButton")
            verify(button)
            verify(button.Accessible.name.length > 0)
            mouseClick(button)
            tryVerify(function() { return Finder.findNamed(Overlay.overlay, "parametersJsonMode") !== null })
            var overlay = Overlay.overlay
            var json = Finder.findNamed(overlay, "parametersJsonMode")
            verify(!Workbench.chat.options.jsonMode)
            json.forceActiveFocus()
            keyClick(Qt.Key_Space)
            verify(Workbench.chat.options.jsonMode)
            var max = Finder.findNamed(overlay, "parametersMaxTokens")
            max.value = 300
            max.valueModified()
            compare(Workbench.chat.options.maxTokens, 300)
            var before = Workbench.presets.count
            var name = Finder.findNamed(overlay, "presetNameField")
            name.forceActiveFocus()
            keyClick(Qt.Key_Z)
            mouseClick(Finder.findNamed(overlay, "saveAsPresetButton"))
            compare(Workbench.presets.count, before + 1)
            var saved = presetAt(before)
            compare(saved.name, "z")
            compare(saved.maxTokens, 300)
            compare(saved.jsonMode, true)
            mouseClick(Finder.findNamed(overlay, "closeConversationSettings"))

            // A new chat from that preset, through the empty conversation's chooser.
            Workbench.chat.newConversation()
            compare(Workbench.chat.options.maxTokens, 0)
            var chooser = Finder.findNamed(chat, "presetChooser")
            verify(chooser)
            verify(chooser.Accessible.name.length > 0)
            chooser.activated(before)
            compare(Workbench.chat.options.maxTokens, 300)
            verify(Workbench.chat.options.jsonMode)
        }
    }
}
