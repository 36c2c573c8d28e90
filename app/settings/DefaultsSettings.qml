import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// What a new request is sent with unless the composer says otherwise.
ScrollView {
    id: defaults

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null
    contentWidth: availableWidth

    GridLayout {
        width: defaults.availableWidth
        columns: 2
        columnSpacing: 16
        rowSpacing: 12

        Label { text: qsTr("Default model"); color: Theme.mutedText }
        TextField {
            objectName: "defaultModelField"
            Layout.fillWidth: true
            placeholderText: qsTr("provider/model, e.g. openai/gpt-4o-mini")
            Accessible.name: qsTr("Default model")
            text: defaults.workbench?.settings.defaultModel
            onEditingFinished: defaults.workbench.settings.defaultModel = text.trim()
        }

        Label { text: qsTr("Temperature"); color: Theme.mutedText }
        RowLayout {
            CheckBox {
                id: customTemperature
                objectName: "customTemperature"
                text: qsTr("Set")
                Accessible.name: qsTr("Set a temperature")
                Accessible.description: qsTr("Off: the provider's default temperature")
                Accessible.onPressAction: { toggle(); toggled() }
                checked: defaults.workbench?.settings.temperature >= 0
                onToggled: defaults.workbench.settings.temperature = checked ? temperatureSlider.value : -1
            }
            Slider {
                id: temperatureSlider
                objectName: "temperatureSlider"
                Layout.fillWidth: true
                enabled: customTemperature.checked
                Accessible.name: qsTr("Temperature")
                from: 0
                to: 2
                stepSize: 0.1
                value: defaults.workbench?.settings.temperature >= 0 ? defaults.workbench?.settings.temperature : 1
                onMoved: defaults.workbench.settings.temperature = Math.round(value * 10) / 10
            }
            Label {
                text: customTemperature.checked ? temperatureSlider.value.toFixed(1) : qsTr("provider default")
                color: Theme.text
            }
        }

        Label { text: qsTr("Max tokens"); color: Theme.mutedText }
        RowLayout {
            SpinBox {
                objectName: "maxTokensSpin"
                from: 0
                to: 200000
                stepSize: 256
                editable: true
                Accessible.name: qsTr("Max tokens")
                Accessible.description: qsTr("0 sends no limit")
                value: defaults.workbench?.settings.maxTokens
                onValueModified: defaults.workbench.settings.maxTokens = value
            }
            Label {
                text: qsTr("0 sends no limit")
                color: Theme.mutedText
            }
        }

        Label {
            text: qsTr("System prompt")
            color: Theme.mutedText
            Layout.alignment: Qt.AlignTop
        }
        TextArea {
            objectName: "systemPromptArea"
            Layout.fillWidth: true
            Layout.preferredHeight: 140
            wrapMode: TextEdit.Wrap
            placeholderText: qsTr("Sent first in every conversation")
            Accessible.name: qsTr("System prompt")
            // Tab moves to the next control, as everywhere else, instead of typing a tab.
            Keys.onTabPressed: nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
            Keys.onBacktabPressed: nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
            text: defaults.workbench?.settings.systemPrompt
            onEditingFinished: defaults.workbench.settings.systemPrompt = text
        }
    }
}
