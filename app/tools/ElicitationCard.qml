import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// A server asks the user for input (elicitation/create): its message and a
// small form built from the requested schema, answered with Accept or Decline.
Rectangle {
    id: card

    // An ElicitationForm, or null.
    property var form: null
    property var values: ({})

    visible: form !== null
    implicitHeight: visible ? column.implicitHeight + 20 : 0
    radius: 8
    color: Theme.warningBackground
    border.color: Theme.accent

    onFormChanged: {
        var initial = {}
        if (form) {
            for (var i = 0; i < form.fields.length; ++i)
                initial[form.fields[i].name] = form.fields[i].value
        }
        values = initial
    }

    function setValue(name, value) {
        var next = values
        next[name] = value
        values = next
    }

    ColumnLayout {
        id: column
        x: 10
        y: 10
        width: card.width - 20
        spacing: 8

        Label {
            objectName: "elicitationMessage"
            Layout.fillWidth: true
            text: card.form ? qsTr("%1 asks: %2").arg(card.form.serverName).arg(card.form.message) : ""
            wrapMode: Text.Wrap
            font.weight: Font.DemiBold
            color: Theme.text
        }

        Repeater {
            model: card.form ? card.form.fields : []
            delegate: RowLayout {
                id: fieldRow
                required property var modelData
                Layout.fillWidth: true
                Label {
                    text: fieldRow.modelData.title + (fieldRow.modelData.required ? " *" : "")
                    color: Theme.text
                    Layout.preferredWidth: 160
                    elide: Text.ElideRight
                }
                TextField {
                    objectName: "elicitationField_" + fieldRow.modelData.name
                    visible: fieldRow.modelData.type === "string" || fieldRow.modelData.type === "number"
                             || fieldRow.modelData.type === "integer"
                    Layout.fillWidth: true
                    text: fieldRow.modelData.value !== undefined && fieldRow.modelData.value !== null ? String(fieldRow.modelData.value) : ""
                    placeholderText: fieldRow.modelData.description
                    inputMethodHints: fieldRow.modelData.type === "string" ? Qt.ImhNone : Qt.ImhFormattedNumbersOnly
                    Accessible.name: fieldRow.modelData.title
                    onTextEdited: card.setValue(fieldRow.modelData.name, text)
                }
                CheckBox {
                    objectName: "elicitationCheck_" + fieldRow.modelData.name
                    visible: fieldRow.modelData.type === "boolean"
                    checked: fieldRow.modelData.value === true
                    text: fieldRow.modelData.description
                    Accessible.name: fieldRow.modelData.title
                    Accessible.onPressAction: { toggle(); toggled() }
                    onToggled: card.setValue(fieldRow.modelData.name, checked)
                }
                ComboBox {
                    objectName: "elicitationChoice_" + fieldRow.modelData.name
                    visible: fieldRow.modelData.type === "enum"
                    model: fieldRow.modelData.options
                    currentIndex: Math.max(0, fieldRow.modelData.options.indexOf(fieldRow.modelData.value))
                    Accessible.name: fieldRow.modelData.title
                    onActivated: card.setValue(fieldRow.modelData.name, currentText)
                }
            }
        }

        RowLayout {
            Button {
                objectName: "elicitationAccept"
                text: qsTr("Accept")
                icon.source: Theme.icon("check")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                highlighted: true
                Accessible.name: qsTr("Send these values to the server")
                onClicked: card.form.accept(card.values)
            }
            Button {
                objectName: "elicitationDecline"
                text: qsTr("Decline")
                icon.source: Theme.icon("x")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                Accessible.name: qsTr("Decline the server's request")
                onClicked: card.form.decline()
            }
        }
    }
}
